package io.monban.idp.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting for something that happens asynchronously: poll with a deadline, never sleep for a fixed time. */
public final class Polling {

    private Polling() {
    }

    /** Polls until the condition holds or the deadline passes; returns the last answer. */
    public static boolean eventually(Duration deadline, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
