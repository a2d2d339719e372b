package io.monban.idp.bootstrap;

import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords and client secrets that Monban makes up, shown once to the operator. */
final class GeneratedSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private GeneratedSecrets() {
    }

    /** 20 characters from a 57-letter alphabet: about 116 bits, typeable, no look-alikes. */
    static String password() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** 256 random bits. */
    static String clientSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Printed to the console, not the log: log files are collected and kept, and a secret
     * must not end up in them.
     */
    static void announce(String what, String value) {
        System.out.println();
        System.out.println("=== Monban: " + what + ": " + value);
        System.out.println("=== (shown once; it is stored only as a hash)");
        System.out.println();
    }
}
