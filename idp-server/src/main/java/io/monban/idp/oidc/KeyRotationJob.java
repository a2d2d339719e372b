package io.monban.idp.oidc;

import io.monban.core.crypto.SigningKeyService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Makes sure keys exist at start-up, and rotates and purges them on schedule. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class KeyRotationJob implements ApplicationRunner {

    private final SigningKeyService keys;
    private final SigningKeyRing ring;

    public KeyRotationJob(SigningKeyService keys, SigningKeyRing ring) {
        this.keys = keys;
        this.ring = ring;
    }

    @Override
    public void run(ApplicationArguments args) {
        rotateIfDue();
    }

    @Scheduled(fixedDelayString = "${monban.crypto.keys.check-interval:PT1M}",
            initialDelayString = "${monban.crypto.keys.check-interval:PT1M}")
    public void rotateIfDue() {
        keys.rotateIfDue();
        keys.purgeRemoved();
        ring.refresh();
    }
}
