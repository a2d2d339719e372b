package io.monban.scim.outbound;

import java.util.UUID;

/** A stored provisioning target; the bearer token stays sealed until a delivery needs it. */
record ProvisioningTarget(UUID id, String name, String application, String baseUrl, String sealedToken,
                          AttributeMapping mapping, boolean enabled) {

    /** Binds a sealed token to its target, so that it does not open when copied to another row. */
    static String tokenContext(UUID targetId) {
        return "provisioning-target:" + targetId;
    }
}
