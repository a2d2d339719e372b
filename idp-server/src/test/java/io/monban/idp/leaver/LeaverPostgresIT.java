package io.monban.idp.leaver;

import io.monban.idp.testsupport.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;

class LeaverPostgresIT extends LeaverContract {

    @Override
    void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @Override
    String[] profiles() {
        return new String[] {"postgres"};
    }
}
