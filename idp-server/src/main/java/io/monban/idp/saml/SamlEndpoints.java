package io.monban.idp.saml;

import io.monban.idp.web.MonbanProperties;
import org.springframework.stereotype.Component;

/** The IdP's own entityID and endpoint URLs, as metadata publishes them and messages must name them. */
@Component
class SamlEndpoints {

    static final String BASE = "/saml2";
    static final String METADATA = BASE + "/metadata";
    static final String SSO = BASE + "/sso";
    static final String SSO_CONTINUE = BASE + "/sso/continue";
    static final String LAUNCH = BASE + "/launch";
    static final String SLO = BASE + "/slo";
    static final String SLO_CONTINUE = BASE + "/slo/continue";
    static final String IDP_LOGOUT = BASE + "/logout";

    private final String issuer;
    private final String entityId;

    SamlEndpoints(MonbanProperties monban, SamlProperties properties) {
        this.issuer = monban.issuer();
        this.entityId = properties.entityId(monban.issuer());
    }

    String entityId() {
        return entityId;
    }

    String url(String path) {
        return issuer + path;
    }

    boolean isSsoUrl(String destination) {
        return url(SSO).equals(destination);
    }

    boolean isSloUrl(String destination) {
        return url(SLO).equals(destination);
    }
}
