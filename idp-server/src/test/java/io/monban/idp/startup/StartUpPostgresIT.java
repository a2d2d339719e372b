package io.monban.idp.startup;

import io.monban.idp.testsupport.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;

class StartUpPostgresIT extends StartUpContract {

    @Override
    void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @Override
    String[] profiles() {
        return new String[] {"postgres"};
    }
}
