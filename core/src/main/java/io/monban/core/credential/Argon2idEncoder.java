package io.monban.core.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2 in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, the same
 * as Spring Security's and libargon2's), with two things a sign-in server needs and Spring's
 * encoder lacks:
 * <ul>
 *   <li>At most {@code maxConcurrent} hashes run at once; more wait. More than one per core only
 *       evict each other's memory from the CPU caches.</li>
 *   <li>Each of those slots keeps its 19 MiB of Argon2 blocks between hashes. Allocating them
 *       afresh for every sign-in makes the garbage collector copy tens of megabytes a second
 *       and, under load, triples the cost of a sign-in.</li>
 * </ul>
 */
final class Argon2idEncoder implements PasswordEncoder {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final BlockingQueue<Argon2BytesGenerator.BlockPool> slots;
    private final SecureRandom random = new SecureRandom();

    Argon2idEncoder(PasswordProperties.Argon2 cost) {
        this.memoryKib = cost.memoryKib();
        this.iterations = cost.iterations();
        this.parallelism = cost.parallelism();
        int concurrent = cost.effectiveMaxConcurrent();
        this.slots = new ArrayBlockingQueue<>(concurrent);
        for (int i = 0; i < concurrent; i++) {
            // Argon2 rounds the memory down to a multiple of 4 blocks per lane: memoryKib bounds it.
            slots.add(new Argon2BytesGenerator.FixedBlockPool(memoryKib));
        }
    }

    @Override
    public String encode(CharSequence rawPassword) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Phc phc = new Phc(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, memoryKib, iterations,
                parallelism, salt, null);
        byte[] hash = compute(rawPassword, phc, HASH_BYTES);
        return phc.withHash(hash).toString();
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encoded) {
        Phc phc = Phc.parse(encoded);
        byte[] actual = compute(rawPassword, phc, phc.hash().length);
        return MessageDigest.isEqual(actual, phc.hash());
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
        Phc phc = Phc.parse(encoded);
        return phc.type() != Argon2Parameters.ARGON2_id || phc.memoryKib() < memoryKib
                || phc.iterations() < iterations || phc.parallelism() < parallelism;
    }

    private byte[] compute(CharSequence password, Phc phc, int length) {
        Argon2BytesGenerator.BlockPool pool;
        try {
            pool = slots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
        try {
            Argon2Parameters parameters = new Argon2Parameters.Builder(phc.type())
                    .withVersion(phc.version()).withMemoryAsKB(phc.memoryKib()).withIterations(phc.iterations())
                    .withParallelism(phc.parallelism()).withSalt(phc.salt()).withBlockPool(pool).build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[length];
            generator.generateBytes(password.toString().getBytes(StandardCharsets.UTF_8), out);
            return out;
        } finally {
            slots.add(pool);
        }
    }

    /** The fields of a PHC string. */
    private record Phc(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
                       byte[] hash) {

        static Phc parse(String encoded) {
            String[] parts = encoded.split("\\$");
            // "", type, "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[2].startsWith("v=")) {
                throw new IllegalArgumentException("not an Argon2 PHC string");
            }
            int type = switch (parts[1]) {
                case "argon2id" -> Argon2Parameters.ARGON2_id;
                case "argon2i" -> Argon2Parameters.ARGON2_i;
                case "argon2d" -> Argon2Parameters.ARGON2_d;
                default -> throw new IllegalArgumentException("unknown Argon2 type " + parts[1]);
            };
            int m = -1;
            int t = -1;
            int p = -1;
            for (String param : parts[3].split(",")) {
                String[] kv = param.split("=", 2);
                int value = Integer.parseInt(kv[1]);
                switch (kv[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> throw new IllegalArgumentException("unknown Argon2 parameter " + kv[0]);
                }
            }
            if (m < 8 || t < 1 || p < 1 || m > 4 * 1024 * 1024 || t > 100 || p > 64) {
                throw new IllegalArgumentException("Argon2 parameters out of range");
            }
            byte[] hash = B64D.decode(parts[5]);
            if (hash.length < 16 || hash.length > 128) {
                throw new IllegalArgumentException("Argon2 hash length out of range");
            }
            return new Phc(type, Integer.parseInt(parts[2].substring(2)), m, t, p, B64D.decode(parts[4]), hash);
        }

        Phc withHash(byte[] value) {
            return new Phc(type, version, memoryKib, iterations, parallelism, salt, value);
        }

        @Override
        public String toString() {
            String name = switch (type) {
                case Argon2Parameters.ARGON2_id -> "argon2id";
                case Argon2Parameters.ARGON2_i -> "argon2i";
                default -> "argon2d";
            };
            return "$" + name + "$v=" + version + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                    + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        }
    }
}
