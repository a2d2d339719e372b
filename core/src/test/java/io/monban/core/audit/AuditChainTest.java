package io.monban.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    static List<AuditEvent> chain(int length) {
        List<AuditEvent> events = new ArrayList<>();
        String previous = "0".repeat(64);
        for (int i = 1; i <= length; i++) {
            AuditEvent event = new AuditEvent(i, Instant.parse("2026-11-25T00:00:00Z").plusSeconds(i),
                    AuditRecord.success("user.updated", "user-" + i, "n=" + i), "admin", "192.0.2.1", previous);
            events.add(event);
            previous = event.getHash();
        }
        return events;
    }

    static void set(AuditEvent event, String field, Object value) throws Exception {
        Field f = AuditEvent.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(event, value);
    }

    @Test
    void anUntouchedChainVerifies() {
        assertThat(AuditChain.verify(chain(5))).isTrue();
    }

    @Test
    void editingAnEventBreaksTheChain() throws Exception {
        List<AuditEvent> events = chain(5);
        set(events.get(2), "actor", "someone-else");
        assertThat(AuditChain.verify(events)).isFalse();
    }

    @Test
    void deletingAnEventBreaksTheChain() {
        List<AuditEvent> events = chain(5);
        events.remove(2);
        assertThat(AuditChain.verify(events)).isFalse();
    }

    @Test
    void rehashingAnEditedEventStillBreaksTheLinkToTheNext() throws Exception {
        List<AuditEvent> events = chain(5);
        AuditEvent edited = events.get(2);
        set(edited, "details", "n=forged");
        set(edited, "hash", AuditChain.hash(edited));
        assertThat(AuditChain.verify(events)).isFalse();
    }

    @Test
    void overlongValuesAreCutToTheirColumns() {
        AuditEvent event = new AuditEvent(1, Instant.now(), AuditRecord.success("x", "t".repeat(1000), "d".repeat(5000)),
                "a".repeat(500), "1".repeat(100), "0".repeat(64));
        assertThat(event.getTarget()).hasSize(400);
        assertThat(event.getDetails()).hasSize(2000);
        assertThat(event.getActor()).hasSize(200);
        assertThat(AuditChain.verify(List.of(event))).isTrue();
    }
}
