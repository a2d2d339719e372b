package io.monban.idp.leaver;

import static io.monban.idp.leaver.LeaverFixture.downstreamActive;
import static io.monban.idp.leaver.LeaverFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import io.monban.core.directory.UserStatus;
import io.monban.idp.testsupport.DownstreamScimService;
import io.monban.idp.testsupport.MonbanInstance;
import io.monban.idp.testsupport.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The outbox keeps what it promised across a restart: a directory change committed while the
 * downstream application is unreachable is delivered by the next start of the server, after the
 * creation queued before it.
 */
abstract class OutboxRestartContract {

    abstract void database(DynamicPropertyRegistry registry);

    abstract String[] profiles();

    @Test
    void aChangeCommittedWhileTheDownstreamIsDownIsDeliveredAfterARestart() {
        DownstreamScimService downstream = new DownstreamScimService(TestServers.freePort(), LeaverFixture.SCIM_TOKEN);
        Path bootstrap = LeaverFixture.bootstrapFile(downstream.baseUrl(), TestServers.freePort());
        Map<String, String> properties = LeaverFixture.properties(TestServers.freePort(), bootstrap, this::database);
        properties.put("monban.outbox.max-attempts", "100");
        UUID lena;
        try (MonbanInstance first = MonbanInstance.start(properties, profiles())) {
            JdbcTemplate jdbc = first.bean(JdbcTemplate.class);
            // The creations of the assigned users are tried, and fail: nobody listens there.
            assertThat(eventually(Duration.ofSeconds(5), () -> jdbc.queryForObject("SELECT COUNT(*) FROM mb_outbox "
                    + "WHERE status = 'PENDING' AND attempts > 0 AND last_error LIKE '%ConnectException%'",
                    Integer.class) >= 5)).isTrue();
            DirectoryService directory = first.bean(DirectoryService.class);
            lena = directory.findByLogin("lena").map(User::getId).orElseThrow();
            directory.setStatus(lena, UserStatus.SUSPENDED);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_outbox WHERE user_id = ? AND operation = "
                    + "'deactivate' AND status = 'PENDING'", Integer.class, lena)).isEqualTo(1);
        }
        assertThat(downstream.requests()).isEmpty();

        downstream.start();
        try (MonbanInstance second = MonbanInstance.start(properties, profiles())) {
            JdbcTemplate jdbc = second.bean(JdbcTemplate.class);
            assertThat(eventually(Duration.ofSeconds(15), () -> downstreamActive(downstream, "lena@example.com", false)))
                    .isTrue();
            assertThat(eventually(Duration.ofSeconds(5), () -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM mb_outbox WHERE channel = 'scim' AND status <> 'DELIVERED'", Integer.class) == 0))
                    .isTrue();
            // In order: created first, then deactivated; each once.
            String remoteId = downstream.user("lena@example.com").orElseThrow().path("id").asString();
            List<String> forLena = downstream.requests().stream()
                    .filter(r -> r.method().equals("POST") && "lena@example.com".equals(r.body().path("userName").asString())
                            || r.path().endsWith(remoteId))
                    .map(r -> r.method() + " " + r.status()).toList();
            assertThat(forLena).containsExactly("POST 201", "PATCH 200");
        } finally {
            downstream.close();
        }
    }
}
