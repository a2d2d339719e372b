package io.monban.core.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery of the outbox (outbound SCIM, back-channel logout).
 *
 * @param deliveryEnabled whether this node delivers (messages are queued either way)
 * @param pollInterval    how often a node looks for due messages besides being woken by a commit
 * @param lease           how long a node owns a message it took; after that another node may retry it
 * @param batchSize       due messages looked at in one round
 * @param workers         deliveries under way at once on this node
 * @param retryBase       wait before the first retry; doubles with every further failure
 * @param retryMax        longest wait between two attempts
 * @param maxAttempts     attempts before a message is marked failed
 * @param requestTimeout  time limit of one HTTP request of a delivery
 * @param retention       how long delivered messages are kept
 */
@ConfigurationProperties("monban.outbox")
public record OutboxProperties(@DefaultValue("true") boolean deliveryEnabled,
                               @DefaultValue("5s") Duration pollInterval,
                               @DefaultValue("1m") Duration lease,
                               @DefaultValue("20") int batchSize,
                               @DefaultValue("4") int workers,
                               @DefaultValue("5s") Duration retryBase,
                               @DefaultValue("1h") Duration retryMax,
                               @DefaultValue("10") int maxAttempts,
                               @DefaultValue("10s") Duration requestTimeout,
                               @DefaultValue("30d") Duration retention) {

    public OutboxProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("monban.outbox.max-attempts must be at least 1");
        }
        if (lease.compareTo(requestTimeout.multipliedBy(3)) <= 0) {
            // One SCIM delivery may take three requests (find the user, create, replace).
            throw new IllegalArgumentException("monban.outbox.lease must be longer than 3 x monban.outbox.request-timeout");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("monban.outbox.workers must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("monban.outbox.batch-size must be at least 1");
        }
    }

    /** Wait after the given number of failed attempts: base, 2 base, 4 base ... up to the maximum. */
    public Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = retryBase.multipliedBy(1L << doublings);
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
