package io.monban.idp.startup;

import io.monban.idp.testsupport.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;

class StartUpH2IT extends StartUpContract {

    @Override
    void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Override
    String[] profiles() {
        return new String[0];
    }
}
