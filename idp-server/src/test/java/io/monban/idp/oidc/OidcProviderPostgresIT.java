package io.monban.idp.oidc;

import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ActiveProfiles("postgres")
class OidcProviderPostgresIT extends OidcProviderContract {

    static final int PORT = TestServers.freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.postgres(registry);
    }

    @Override
    int port() {
        return PORT;
    }
}
