package io.monban.core.credential;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.crypto.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ten single-use recovery codes per user, shown once when they are made. Each has 80 random
 * bits, so a SHA-256 hash is enough to store it: no one can search that space offline.
 */
@Service
public class RecoveryCodeService {

    static final int COUNT = 10;
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final RecoveryCodeRepository codes;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RecoveryCodeService(RecoveryCodeRepository codes, AuditLog audit, Clock clock) {
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    /** New codes; earlier ones stop working. The returned list is the only time they are visible. */
    @Transactional
    public List<String> regenerate(UUID userId) {
        codes.deleteByUserId(userId);
        Instant now = clock.instant();
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            fresh.add(code);
            codes.save(new RecoveryCode(userId, hash(code), now));
        }
        audit.record(AuditRecord.success("recovery-codes.generated", userId.toString(), "count=" + COUNT));
        return fresh;
    }

    /** Uses a code up; true when it was one of the user's and unused. */
    @Transactional
    public boolean use(UUID userId, String code) {
        String normalized = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (normalized.length() != 16) {
            audit.record(AuditRecord.failure("recovery-code.used", userId.toString(), null));
            return false;
        }
        boolean ok = codes.lockByUserIdAndCodeHash(userId, hash(format(normalized)))
                .filter(c -> !c.isUsed())
                .map(c -> {
                    c.use(clock.instant());
                    return true;
                }).orElse(false);
        audit.record(ok ? AuditRecord.success("recovery-code.used", userId.toString(),
                "remaining=" + codes.countByUserIdAndUsedAtIsNull(userId))
                : AuditRecord.failure("recovery-code.used", userId.toString(), null));
        return ok;
    }

    @Transactional(readOnly = true)
    public long remaining(UUID userId) {
        return codes.countByUserIdAndUsedAtIsNull(userId);
    }

    private String newCode() {
        StringBuilder raw = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            raw.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return format(raw.toString());
    }

    private static String format(String sixteen) {
        return sixteen.substring(0, 4) + "-" + sixteen.substring(4, 8) + "-" + sixteen.substring(8, 12) + "-"
                + sixteen.substring(12, 16);
    }

    private static String hash(String formatted) {
        return Sha256.hex(formatted);
    }
}
