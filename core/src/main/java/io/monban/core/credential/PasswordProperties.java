package io.monban.core.credential;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password policy and hashing.
 *
 * @param minLength   minimum length in characters; values below 8 are refused at start-up
 * @param maxLength   maximum length, so that a megabyte "password" cannot tie up the hasher
 * @param history     how many previous passwords may not be reused
 * @param minEntropy  bits of guessing entropy (nbvcxz estimate) a password needs
 * @param argon2      Argon2id cost; the defaults are OWASP's (19 MiB, 2 iterations, 1 lane)
 */
@ConfigurationProperties("monban.password")
public record PasswordProperties(@DefaultValue("12") int minLength,
                                 @DefaultValue("256") int maxLength,
                                 @DefaultValue("5") int history,
                                 @DefaultValue("40") double minEntropy,
                                 @DefaultValue Argon2 argon2) {

    public PasswordProperties {
        if (minLength < 8) {
            throw new IllegalArgumentException("monban.password.min-length must be at least 8, was " + minLength);
        }
        if (maxLength < minLength) {
            throw new IllegalArgumentException("monban.password.max-length must not be below min-length");
        }
    }

    /** The defaults, for code that runs without Spring (benchmarks, tools). */
    public static PasswordProperties defaults() {
        return new PasswordProperties(12, 256, 5, 40, Argon2.defaults());
    }

    /**
     * @param memoryKib     memory in KiB
     * @param iterations    passes over the memory
     * @param parallelism   lanes
     * @param maxConcurrent hashes computed at once; more wait. 0 means one per CPU: more than
     *                      that only evict each other's memory from the caches (4 concurrent
     *                      hashes on 2 cores run at two thirds of the rate of 2), and each holds
     *                      {@code memoryKib} of heap
     */
    public record Argon2(@DefaultValue("19456") int memoryKib,
                         @DefaultValue("2") int iterations,
                         @DefaultValue("1") int parallelism,
                         @DefaultValue("0") int maxConcurrent) {
        public static Argon2 defaults() {
            return new Argon2(19456, 2, 1, 0);
        }

        public int effectiveMaxConcurrent() {
            return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        }
    }
}
