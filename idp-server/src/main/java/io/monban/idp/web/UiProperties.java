package io.monban.idp.web;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param timeZone the zone in which pages show times before the browser's script (if it runs)
 *                 shows them in the browser's own zone; empty means the JVM's default zone
 */
@ConfigurationProperties("monban.ui")
public record UiProperties(ZoneId timeZone) {

    public UiProperties {
        if (timeZone == null) {
            timeZone = ZoneId.systemDefault();
        }
    }
}
