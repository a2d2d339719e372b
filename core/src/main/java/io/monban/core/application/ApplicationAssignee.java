package io.monban.core.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.UUID;

/** One user, or one group whose members, an application is assigned to. */
@Embeddable
public record ApplicationAssignee(@Enumerated(EnumType.STRING) @Column(name = "kind") Kind kind,
                                  @Column(name = "principal_id") UUID principalId) {

    public enum Kind { USER, GROUP }
}
