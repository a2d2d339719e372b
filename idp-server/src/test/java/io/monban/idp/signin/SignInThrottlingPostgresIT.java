package io.monban.idp.signin;

import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SignInThrottlingContract} on PostgreSQL, where the counters race under real row locking. */
class SignInThrottlingPostgresIT extends SignInThrottlingContract {

    static final int PORT = TestServers.freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.postgres(registry);
        // The address limit has tests of its own (network package); here it must not interfere.
        registry.add("monban.lockout.max-failures-per-address", () -> 1000);
    }

    @Override
    int port() {
        return PORT;
    }
}
