package io.monban.scim.outbound;

import java.util.List;
import java.util.Map;

/**
 * A downstream application provisioned over SCIM 2.0, as configuration describes it.
 *
 * @param name             unique name of the target (1-100 of A-Z a-z 0-9 . _ : -)
 * @param application      the application it belongs to: an OIDC client id or a SAML SP entity id
 * @param baseUrl          the SCIM service's base URL ({@code .../scim/v2}); https, or http on the loopback only
 * @param token            the bearer token Monban presents, in clear (stored encrypted); null keeps the stored one
 * @param attributeMapping SCIM attribute to Monban attribute; null or empty for the default mapping
 * @param users            usernames assigned directly
 * @param groups           group names whose members are assigned
 * @param enabled          false: nothing is queued for this target
 */
public record ProvisioningTargetSpec(String name, String application, String baseUrl, String token,
                                     Map<String, String> attributeMapping, List<String> users, List<String> groups,
                                     boolean enabled) {

    public ProvisioningTargetSpec {
        attributeMapping = attributeMapping == null ? Map.of() : attributeMapping;
        users = users == null ? List.of() : users;
        groups = groups == null ? List.of() : groups;
    }
}
