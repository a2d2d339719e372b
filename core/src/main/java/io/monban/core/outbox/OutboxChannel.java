package io.monban.core.outbox;

/** Delivers the outbox messages of one channel; a bean per channel. */
public interface OutboxChannel {

    /** The {@code channel} value of the messages this delivers. */
    String name();

    /**
     * Tries one delivery. Called outside any transaction, at least once per message (again after
     * a crash mid-delivery), so receivers must tolerate a repeat.
     */
    Delivery deliver(OutboxMessage message);
}
