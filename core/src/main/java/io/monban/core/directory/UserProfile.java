package io.monban.core.directory;

/**
 * The descriptive attributes of a user that a provisioning system owns: everything except the
 * username, status, addresses, phone numbers, memberships and credentials.
 *
 * @param addresses postal addresses as a JSON array (kept as sent; not searchable)
 */
public record UserProfile(String externalId, PersonName name, String displayName, String nickName,
                          String profileUrl, String title, String userType, String preferredLanguage, String locale,
                          String timezone, String addresses, EnterpriseAttributes enterprise) {
}
