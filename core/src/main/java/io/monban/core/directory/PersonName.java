package io.monban.core.directory;

/** The parts of a person's name (SCIM {@code name}); any part may be null. */
public record PersonName(String formatted, String familyName, String givenName, String middleName,
                         String honorificPrefix, String honorificSuffix) {

    public static final PersonName EMPTY = new PersonName(null, null, null, null, null, null);
}
