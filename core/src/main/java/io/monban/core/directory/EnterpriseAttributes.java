package io.monban.core.directory;

import java.util.UUID;

/** Where a person sits in the organisation (SCIM enterprise user extension). */
public record EnterpriseAttributes(String employeeNumber, String costCenter, String organization, String division,
                                   String department, UUID managerId) {

    public static final EnterpriseAttributes EMPTY = new EnterpriseAttributes(null, null, null, null, null, null);
}
