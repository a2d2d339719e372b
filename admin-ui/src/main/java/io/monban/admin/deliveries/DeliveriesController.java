package io.monban.admin.deliveries;

import io.monban.core.outbox.Outbox;
import io.monban.core.outbox.OutboxSummary;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Console, read-only: what Monban owes each downstream application (outbound SCIM, back-channel
 * logout), per application: messages pending, delivered and failed, and the latest error.
 * Administrators only (the end-user chain guards {@code /admin/**}).
 */
@RestController
public class DeliveriesController {

    static final String PATH = "/admin/deliveries";

    private final Outbox outbox;

    public DeliveriesController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public List<OutboxSummary> deliveries() {
        return outbox.summary();
    }
}
