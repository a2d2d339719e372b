package io.monban.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxPropertiesTest {

    private static OutboxProperties properties(Duration base, Duration max, int attempts) {
        return new OutboxProperties(true, Duration.ofSeconds(5), Duration.ofMinutes(1), 20, 4, base, max, attempts,
                Duration.ofSeconds(10), Duration.ofDays(30));
    }

    @Test
    void theWaitDoublesAfterEachFailureUpToTheMaximum() {
        OutboxProperties p = properties(Duration.ofSeconds(5), Duration.ofSeconds(60), 10);
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoff(500)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void nonsenseLimitsStopTheStart() {
        assertThatThrownBy(() -> properties(Duration.ofSeconds(1), Duration.ofSeconds(2), 0))
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new OutboxProperties(true, Duration.ofSeconds(5), Duration.ofSeconds(20), 20, 4,
                Duration.ofSeconds(5), Duration.ofHours(1), 10, Duration.ofSeconds(10), Duration.ofDays(30)))
                .hasMessageContaining("lease");
    }
}
