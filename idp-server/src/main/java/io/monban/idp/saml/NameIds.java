package io.monban.idp.saml;

import java.util.Optional;
import org.opensaml.saml.saml2.core.NameIDType;
import org.springframework.stereotype.Component;

/** The NameID an SP receives for a user, in the format configured for the SP. */
@Component
class NameIds {

    private final PairwiseNameIds pairwise;

    NameIds(PairwiseNameIds pairwise) {
        this.pairwise = pairwise;
    }

    /** Empty when the user lacks what the format needs (an email address). */
    Optional<SamlResponseBuilder.NameIdentity> subject(ServiceProvider sp, SamlUsers.SamlUser user) {
        String format = sp.spec().nameIdFormat();
        return switch (format) {
            case NameIDType.PERSISTENT -> Optional.of(new SamlResponseBuilder.NameIdentity(
                    pairwise.nameId(user.id(), sp.entityId()), format));
            case NameIDType.EMAIL -> user.email().map(e -> new SamlResponseBuilder.NameIdentity(e, format));
            case NameIDType.TRANSIENT -> Optional.of(new SamlResponseBuilder.NameIdentity(SamlResponseBuilder.newId(),
                    format));
            default -> Optional.of(new SamlResponseBuilder.NameIdentity(user.username(), NameIDType.UNSPECIFIED));
        };
    }
}
