package io.monban.core.directory;

import java.util.List;

/**
 * The whole state of a user as a provisioning system sets it (a SCIM create or replace).
 *
 * @param active   false suspends the user, true makes it active (see {@link UserProvisioning});
 *                 null keeps the current status (a new user is active)
 * @param password a clear-text password to check against the policy and set, or null to keep
 *                 the current one (a new user then has none until an invitation or reset)
 */
public record ProvisionedUser(String userName, Boolean active, UserProfile profile, List<EmailAddress> emails,
                              List<PhoneNumber> phoneNumbers, String password) {

    public ProvisionedUser {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phoneNumbers = phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers);
    }
}
