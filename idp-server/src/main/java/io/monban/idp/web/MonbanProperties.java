package io.monban.idp.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuer the public base URL of this Monban (OIDC issuer, SAML entity base); set it to the
 *               URL users reach behind a proxy, since tokens and metadata carry it
 */
@ConfigurationProperties("monban")
public record MonbanProperties(@DefaultValue("http://localhost:9000") String issuer) {

    public MonbanProperties {
        while (issuer.endsWith("/")) {
            issuer = issuer.substring(0, issuer.length() - 1);
        }
    }
}
