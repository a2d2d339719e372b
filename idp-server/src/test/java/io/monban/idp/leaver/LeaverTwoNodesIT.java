package io.monban.idp.leaver;

import static io.monban.idp.leaver.LeaverFixture.downstreamActive;
import static io.monban.idp.leaver.LeaverFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import io.monban.core.directory.UserStatus;
import io.monban.idp.leaver.LeaverFixture.RelyingParty;
import io.monban.idp.testsupport.BackChannelLogoutReceiver;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.DownstreamScimService;
import io.monban.idp.testsupport.MonbanInstance;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database: a user signed in through one node is suspended on the other, and
 * the first node stops honouring the session and the tokens within a second; the downstream
 * application and the relying party hear of it once, though both nodes deliver.
 */
class LeaverTwoNodesIT {

    @Test
    void aSuspensionOnOneNodeEndsWhatTheOtherNodeIssued() throws Exception {
        int rpPort = TestServers.freePort();
        try (DownstreamScimService downstream = new DownstreamScimService(TestServers.freePort(),
                LeaverFixture.SCIM_TOKEN).start();
             BackChannelLogoutReceiver rp = new BackChannelLogoutReceiver(rpPort)) {
            Path bootstrap = LeaverFixture.bootstrapFile(downstream.baseUrl(), rpPort);
            Map<String, String> database = MonbanInstance.properties(TestDatabases::h2);
            Map<String, String> a = new HashMap<>(LeaverFixture.properties(TestServers.freePort(), bootstrap, r -> { }));
            a.putAll(database);
            Map<String, String> b = new HashMap<>(LeaverFixture.properties(TestServers.freePort(), bootstrap, r -> { }));
            b.putAll(database);
            try (MonbanInstance nodeA = MonbanInstance.start(a); MonbanInstance nodeB = MonbanInstance.start(b)) {
                assertThat(eventually(Duration.ofSeconds(10),
                        () -> downstreamActive(downstream, "lena@example.com", true))).isTrue();
                // Signed in through node B only.
                RelyingParty atB = RelyingParty.of(nodeB.uri());
                Browser browser = new Browser(nodeB.uri());
                RelyingParty.SignIn signIn = atB.signIn(browser, "lena");
                String accessToken = signIn.tokens().getAccessToken().getValue();
                assertThat(atB.signedIn(browser)).isTrue();

                DirectoryService directoryAtA = nodeA.bean(DirectoryService.class);
                UUID lena = directoryAtA.findByLogin("lena").map(User::getId).orElseThrow();
                long start = System.nanoTime();
                directoryAtA.setStatus(lena, UserStatus.SUSPENDED);
                boolean ended = eventually(Duration.ofSeconds(1), () -> !atB.signedIn(browser)
                        && !atB.introspectActive(accessToken)
                        && !atB.refresh(signIn.tokens().getRefreshToken()).indicatesSuccess()
                        && atB.userInfoStatus(signIn.tokens().getBearerAccessToken()) == 401);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(ended).as("node B honoured the suspension within 1 s (took %s)", took).isTrue();

                assertThat(eventually(Duration.ofSeconds(2), () -> downstreamActive(downstream, "lena@example.com", false)
                        && rp.tokens().size() == 1)).isTrue();
                // Once recorded as delivered no relay takes a message again, so the counts are final.
                org.springframework.jdbc.core.JdbcTemplate jdbc = nodeA.bean(org.springframework.jdbc.core.JdbcTemplate.class);
                assertThat(eventually(Duration.ofSeconds(2), () -> jdbc.queryForObject("SELECT COUNT(*) FROM mb_outbox "
                        + "WHERE user_id = ? AND status <> 'DELIVERED'", Integer.class, lena) == 0)).isTrue();
                String remoteId = downstream.user("lena@example.com").orElseThrow().path("id").asString();
                assertThat(downstream.requests()).filteredOn(r -> r.method().equals("PATCH")
                        && r.path().endsWith(remoteId)).hasSize(1);
                assertThat(rp.tokens()).hasSize(1);
            }
        }
    }
}
