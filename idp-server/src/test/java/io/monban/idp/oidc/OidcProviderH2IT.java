package io.monban.idp.oidc;

import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class OidcProviderH2IT extends OidcProviderContract {

    static final int PORT = TestServers.freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.h2(registry);
    }

    @Override
    int port() {
        return PORT;
    }
}
