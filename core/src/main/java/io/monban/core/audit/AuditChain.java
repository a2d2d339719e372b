package io.monban.core.audit;

import io.monban.core.crypto.Sha256;
import java.util.List;

/** The hash that links each audit line to the previous one, and its verification. */
public final class AuditChain {

    private AuditChain() {
    }

    static String hash(AuditEvent e) {
        String canonical = String.join("\u001f", e.getPrevHash(), String.valueOf(e.getId()),
                e.getOccurredAt().toString(), e.getActor(), e.getAction(), String.valueOf(e.getTarget()),
                String.valueOf(e.getIp()), e.getOutcome(), String.valueOf(e.getDetails()));
        return Sha256.hex(canonical);
    }

    /** Whether consecutive events (ascending id) are unaltered and unbroken. */
    public static boolean verify(List<AuditEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            AuditEvent e = events.get(i);
            if (!hash(e).equals(e.getHash())) {
                return false;
            }
            if (i > 0 && !events.get(i - 1).getHash().equals(e.getPrevHash())) {
                return false;
            }
        }
        return true;
    }
}
