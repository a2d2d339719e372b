package io.monban.idp.leaver;

import io.monban.idp.testsupport.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;

class LeaverH2IT extends LeaverContract {

    @Override
    void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Override
    String[] profiles() {
        return new String[0];
    }
}
