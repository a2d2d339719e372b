package io.monban.idp.scim;

import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ScimServerH2IT extends ScimServerContract {

    static final int PORT = TestServers.freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-scim-it.yaml");
        TestDatabases.h2(registry);
        registry.add("monban.scim.max-filter-matches", () -> "40");
    }

    @Override
    int port() {
        return PORT;
    }
}
