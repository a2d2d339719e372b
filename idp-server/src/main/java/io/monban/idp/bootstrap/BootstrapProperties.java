package io.monban.idp.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param file          path of the bootstrap YAML file; none applied when empty
 * @param adminUsername username of the first administrator, created with a generated password
 *                      (printed once) when no user holds the administrator role
 */
@ConfigurationProperties("monban.bootstrap")
public record BootstrapProperties(String file, @DefaultValue("admin") String adminUsername) {
}
