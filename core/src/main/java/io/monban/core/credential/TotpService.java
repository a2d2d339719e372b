package io.monban.core.credential;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.crypto.SecretEncryptor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP as every authenticator app expects it (RFC 6238: HMAC-SHA1, 6 digits, 30 s). A code is
 * accepted for the current step and one step either side (clock drift); once a step has been
 * used, neither it nor an earlier one is accepted again, so an overheard code cannot be replayed.
 * Secrets are stored encrypted, bound to their user.
 */
@Service
public class TotpService {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final int SECRET_BYTES = 20;
    private static final int DRIFT_STEPS = 1;
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

    private final TotpCredentialRepository credentials;
    private final SecretEncryptor encryptor;
    private final AuditLog audit;
    private final Clock clock;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private final SecureRandom random = new SecureRandom();

    public TotpService(TotpCredentialRepository credentials, SecretEncryptor encryptor, AuditLog audit, Clock clock) {
        this.credentials = credentials;
        this.encryptor = encryptor;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean isEnrolled(UUID userId) {
        return credentials.findById(userId).map(TotpCredential::isConfirmed).orElse(false);
    }

    /**
     * Starts enrolment, or shows the pending one again: a set-up page reloaded after the app
     * scanned it must keep showing the secret the app has. A pending secret older than
     * {@link #PENDING_LIFETIME} is replaced.
     */
    @Transactional
    public TotpEnrolment startEnrolment(UUID userId, String accountName, String issuer) {
        if (isEnrolled(userId)) {
            throw new IllegalStateException("an authenticator is already set up; remove it first");
        }
        Instant now = clock.instant();
        TotpCredential pending = credentials.findById(userId)
                .filter(c -> c.getCreatedAt().plus(PENDING_LIFETIME).isAfter(now)).orElse(null);
        byte[] secret;
        if (pending != null) {
            secret = encryptor.decrypt(pending.getSecretEnc(), context(userId));
        } else {
            secret = new byte[SECRET_BYTES];
            random.nextBytes(secret);
            credentials.findById(userId).ifPresent(credentials::delete);
            credentials.flush();
            credentials.save(new TotpCredential(userId, encryptor.encrypt(secret, context(userId)), now));
            audit.record(AuditRecord.success("totp.enrolment.started", userId.toString(), null));
        }
        String base32 = Base32.encode(secret);
        String label = enc(issuer) + ":" + enc(accountName);
        return new TotpEnrolment(base32, "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=6&period=30");
    }

    /** Confirms a pending enrolment with a first code; true when the code fits. */
    @Transactional
    public boolean confirmEnrolment(UUID userId, String code) {
        TotpCredential credential = credentials.lockByUserId(userId).orElse(null);
        if (credential == null || credential.isConfirmed() || !check(credential, code)) {
            audit.record(AuditRecord.failure("totp.enrolment.confirmed", userId.toString(), null));
            return false;
        }
        credential.confirm();
        audit.record(AuditRecord.success("totp.enrolment.confirmed", userId.toString(), null));
        return true;
    }

    /** Verifies a sign-in code; true when it fits and was not used before. */
    @Transactional
    public boolean verify(UUID userId, String code) {
        TotpCredential credential = credentials.lockByUserId(userId).filter(TotpCredential::isConfirmed).orElse(null);
        boolean ok = credential != null && check(credential, code);
        audit.record(ok ? AuditRecord.success("totp.verified", userId.toString(), null)
                : AuditRecord.failure("totp.verified", userId.toString(), null));
        return ok;
    }

    @Transactional
    public void remove(UUID userId) {
        credentials.findById(userId).ifPresent(c -> {
            credentials.delete(c);
            audit.record(AuditRecord.success("totp.removed", userId.toString(), null));
        });
    }

    private boolean check(TotpCredential credential, String code) {
        if (code == null || !code.matches("\\d{6}")) {
            return false;
        }
        byte[] secret = encryptor.decrypt(credential.getSecretEnc(), context(credential.getUserId()));
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA1");
        Instant now = clock.instant();
        long current = now.getEpochSecond() / STEP.getSeconds();
        boolean matched = false;
        long matchedStep = -1;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            // Every candidate is computed and compared in constant time, matched or not.
            boolean equal = MessageDigest.isEqual(codeAt(key, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII));
            if (equal && step > credential.getLastUsedStep() && !matched) {
                matched = true;
                matchedStep = step;
            }
        }
        if (matched) {
            credential.use(matchedStep);
        }
        return matched;
    }

    private String codeAt(SecretKeySpec key, long step) {
        try {
            return generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.getSeconds()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String context(UUID userId) {
        return "totp:" + userId;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
