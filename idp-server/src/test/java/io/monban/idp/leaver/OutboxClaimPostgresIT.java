package io.monban.idp.leaver;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.outbox.Outbox;
import io.monban.core.outbox.OutboxMessage;
import io.monban.core.outbox.OutboxRelay;
import io.monban.idp.testsupport.DownstreamScimService;
import io.monban.idp.testsupport.MonbanInstance;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several relays taking messages from one PostgreSQL outbox at once: each message goes to exactly
 * one of them, and a user's later message waits for the earlier one.
 */
class OutboxClaimPostgresIT {

    @Test
    void concurrentRelaysTakeEachMessageOnceAndKeepEachUsersOrder() throws Exception {
        Map<String, String> properties = LeaverFixture.properties(TestServers.freePort(),
                LeaverFixture.bootstrapFile(new DownstreamScimService(TestServers.freePort(), "x").baseUrl(),
                        TestServers.freePort()), TestDatabases::postgres);
        properties.put("monban.outbox.delivery-enabled", "false");
        try (MonbanInstance monban = MonbanInstance.start(properties, "postgres")) {
            Outbox outbox = monban.bean(Outbox.class);
            OutboxRelay relay = monban.bean(OutboxRelay.class);
            UUID ordered = UUID.randomUUID();
            monban.bean(TransactionTemplate.class).executeWithoutResult(status -> {
                for (int i = 0; i < 300; i++) {
                    outbox.enqueue("claim-test", "target-" + (i % 7), UUID.randomUUID(), "op", null);
                }
                outbox.enqueue("claim-test", "target-0", ordered, "first", null);
                outbox.enqueue("claim-test", "target-0", ordered, "second", null);
            });

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Callable<List<OutboxMessage>>> relays = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                relays.add(() -> {
                    List<OutboxMessage> taken = new ArrayList<>();
                    List<OutboxMessage> round;
                    do {
                        round = relay.claimDue().stream().filter(m -> m.channel().equals("claim-test")).toList();
                        taken.addAll(round);
                    } while (!round.isEmpty());
                    return taken;
                });
            }
            List<OutboxMessage> all = new ArrayList<>();
            for (Future<List<OutboxMessage>> f : pool.invokeAll(relays)) {
                all.addAll(f.get());
            }
            pool.shutdown();

            Set<Long> ids = new HashSet<>();
            all.forEach(m -> assertThat(ids.add(m.id())).as("message %s taken twice", m.id()).isTrue());
            // 300 independent messages and the first of the ordered pair; the second waits for it.
            assertThat(all).hasSize(301);
            assertThat(all).filteredOn(m -> m.userId().equals(ordered)).extracting(OutboxMessage::operation)
                    .containsExactly("first");
        }
    }
}
