package io.monban.scim.outbound;

import java.util.Arrays;
import java.util.Optional;

/** What a queued provisioning message asks of the downstream application. */
enum Operation {
    /** Create the user, or bring the existing one to Monban's attributes. */
    UPSERT,
    /** Set {@code active} to false; the downstream account stays (and may come back). */
    DEACTIVATE,
    /** The user was deleted in Monban: delete it downstream. */
    DELETE;

    String value() {
        return name().toLowerCase();
    }

    static Optional<Operation> of(String value) {
        return Arrays.stream(values()).filter(o -> o.value().equals(value)).findFirst();
    }
}
