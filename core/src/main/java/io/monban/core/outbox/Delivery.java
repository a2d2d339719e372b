package io.monban.core.outbox;

/** How one delivery attempt went. Reasons are shown to administrators: never put secrets in them. */
public sealed interface Delivery {

    /** The receiver took the message. */
    record Delivered() implements Delivery {
    }

    /** Worth trying again later (the receiver was down, busy, or answered 5xx). */
    record Retry(String reason) implements Delivery {
    }

    /** Trying again cannot help (the receiver refused the request as such). */
    record Failed(String reason) implements Delivery {
    }

    static Delivery delivered() {
        return new Delivered();
    }

    static Delivery retry(String reason) {
        return new Retry(reason);
    }

    static Delivery failed(String reason) {
        return new Failed(reason);
    }
}
