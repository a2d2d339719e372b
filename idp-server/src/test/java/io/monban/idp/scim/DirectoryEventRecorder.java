package io.monban.idp.scim;

import io.monban.core.directory.UserChanged;
import io.monban.core.directory.UserDeprovisioned;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Records the directory events the server publishes, for tests to assert on. */
@TestComponent
class DirectoryEventRecorder {

    final List<UserChanged> changed = new CopyOnWriteArrayList<>();
    final List<UserDeprovisioned> deprovisioned = new CopyOnWriteArrayList<>();

    @EventListener
    void on(UserChanged event) {
        changed.add(event);
    }

    @EventListener
    void on(UserDeprovisioned event) {
        deprovisioned.add(event);
    }

    List<UserChanged> changedFor(UUID user) {
        return changed.stream().filter(e -> e.userId().equals(user)).toList();
    }

    List<UserDeprovisioned> deprovisionedFor(UUID user) {
        return deprovisioned.stream().filter(e -> e.userId().equals(user)).toList();
    }
}
