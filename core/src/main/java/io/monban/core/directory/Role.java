package io.monban.core.directory;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "mb_role")
public class Role {

    /** Holders administer Monban itself; the first one is created at first start. */
    public static final String ADMINISTRATOR = "monban-admin";

    @Id
    private UUID id;
    private String name;
    private String description;

    protected Role() {
    }

    public Role(String name, String description) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.description = description;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    void setDescription(String description) {
        this.description = description;
    }
}
