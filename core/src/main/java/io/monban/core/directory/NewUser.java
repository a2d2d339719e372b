package io.monban.core.directory;

import java.util.Set;

/**
 * A user to create or update from configuration or an administrator's form.
 *
 * @param password     a clear-text password to check against the policy and hash, or null
 * @param passwordHash an existing hash to import as-is (Argon2, bcrypt, PBKDF2, scrypt), or null
 */
public record NewUser(String username, String email, boolean emailVerified, String givenName, String familyName,
                      String displayName, String locale, String password, String passwordHash,
                      Set<String> groups, Set<String> roles) {
}
