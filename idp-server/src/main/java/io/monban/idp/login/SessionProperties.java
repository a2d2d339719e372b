package io.monban.idp.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in sessions.
 *
 * @param idleTimeout      a session unused this long ends (idle logout)
 * @param absoluteLifetime a session ends this long after the sign-in however active it is
 * @param cookieName       name of the session cookie
 */
@ConfigurationProperties("monban.session")
public record SessionProperties(@DefaultValue("30m") Duration idleTimeout,
                                @DefaultValue("12h") Duration absoluteLifetime,
                                @DefaultValue("MONBAN_SESSION") String cookieName) {
}
