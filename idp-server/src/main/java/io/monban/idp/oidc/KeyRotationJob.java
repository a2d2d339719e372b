package io.monban.idp.oidc;

import io.monban.core.crypto.SigningKeyService;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rotates and purges keys on schedule. The first keys are made by the start-up work, before the
 * port opens, through the same {@link #rotateIfDue()}.
 */
@Component
public class KeyRotationJob {

    private final SigningKeyService keys;
    private final SigningKeyRing ring;

    public KeyRotationJob(SigningKeyService keys, SigningKeyRing ring) {
        this.keys = keys;
        this.ring = ring;
    }

    @Scheduled(fixedDelayString = "${monban.crypto.keys.check-interval:PT1M}",
            initialDelayString = "${monban.crypto.keys.check-interval:PT1M}")
    public void rotateIfDue() {
        keys.rotateIfDue();
        keys.purgeRemoved();
        ring.refresh();
    }
}
