package io.monban.core.directory;

import io.monban.core.directory.ProvisioningException.Reason;

/** What a provisioned user must satisfy before anything is written: required values, sizes, formats. */
final class ProvisionedUserRules {

    private ProvisionedUserRules() {
    }

    static void validate(ProvisionedUser spec) {
        if (spec.userName() == null || spec.userName().isBlank()) {
            throw invalid("userName is required");
        }
        max("userName", spec.userName().trim(), 100);
        if (spec.profile() == null) {
            throw invalid("profile is required");
        }
        UserProfile p = spec.profile();
        max("externalId", p.externalId(), 400);
        max("displayName", p.displayName(), 400);
        max("nickName", p.nickName(), 200);
        max("profileUrl", p.profileUrl(), 1000);
        max("title", p.title(), 200);
        max("userType", p.userType(), 100);
        max("preferredLanguage", p.preferredLanguage(), 50);
        max("locale", p.locale(), 20);
        max("timezone", p.timezone(), 64);
        max("addresses", p.addresses(), 4000);
        PersonName n = p.name() == null ? PersonName.EMPTY : p.name();
        max("name.formatted", n.formatted(), 400);
        max("name.familyName", n.familyName(), 200);
        max("name.givenName", n.givenName(), 200);
        max("name.middleName", n.middleName(), 200);
        max("name.honorificPrefix", n.honorificPrefix(), 50);
        max("name.honorificSuffix", n.honorificSuffix(), 50);
        EnterpriseAttributes e = p.enterprise() == null ? EnterpriseAttributes.EMPTY : p.enterprise();
        max("employeeNumber", e.employeeNumber(), 100);
        max("costCenter", e.costCenter(), 200);
        max("organization", e.organization(), 200);
        max("division", e.division(), 200);
        max("department", e.department(), 200);
        long primaries = spec.emails().stream().filter(EmailAddress::isPrimary).count();
        if (primaries > 1) {
            throw invalid("emails: at most one address may be primary");
        }
        for (EmailAddress email : spec.emails()) {
            if (email.getValue().isEmpty() || !email.getValue().matches("[^@\\s]+@[^@\\s]+")) {
                throw invalid("emails: '" + email.getValue() + "' is not an email address");
            }
            max("emails.value", email.getValue(), 320);
            max("emails.type", email.getType(), 40);
            max("emails.display", email.getDisplay(), 400);
        }
        if (spec.phoneNumbers().stream().filter(PhoneNumber::isPrimary).count() > 1) {
            throw invalid("phoneNumbers: at most one number may be primary");
        }
        for (PhoneNumber phone : spec.phoneNumbers()) {
            if (phone.getValue().isEmpty()) {
                throw invalid("phoneNumbers.value is required");
            }
            max("phoneNumbers.value", phone.getValue(), 100);
            max("phoneNumbers.type", phone.getType(), 40);
        }
    }

    /** The address that becomes the sign-in address: the primary one, else the first. */
    static String primaryEmail(ProvisionedUser spec) {
        return spec.emails().stream().filter(EmailAddress::isPrimary).findFirst()
                .or(() -> spec.emails().stream().findFirst()).map(EmailAddress::getValue).orElse(null);
    }

    private static void max(String attribute, String value, int max) {
        if (value != null && value.length() > max) {
            throw invalid(attribute + " is longer than " + max + " characters");
        }
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(Reason.INVALID_VALUE, message);
    }
}
