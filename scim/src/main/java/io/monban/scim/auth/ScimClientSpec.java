package io.monban.scim.auth;

import java.time.Duration;
import java.util.Set;

/**
 * A SCIM client as configuration declares it.
 *
 * @param token     the bearer token to accept (at least 32 characters), or null with
 *                  {@code tokenHash} or with a generated one
 * @param tokenHash SHA-256 hex of the token, for configuration that must not hold the token
 * @param lifetime  how long the token is valid from its creation; null for no expiry
 */
public record ScimClientSpec(String name, Set<ScimScope> scopes, Duration lifetime, String token, String tokenHash) {
}
