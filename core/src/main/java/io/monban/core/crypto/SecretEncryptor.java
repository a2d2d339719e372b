package io.monban.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of secrets at rest: each secret gets a fresh AES-256 data key, the secret
 * is sealed with it (AES-GCM), and the data key is sealed with the master key. Rotating the
 * master key therefore only re-wraps data keys. The {@code context} is bound as associated data
 * so that a ciphertext copied to another row (another key id, another user) does not decrypt.
 *
 * <p>Format: {@code v1.<wrapped data key>.<sealed secret>}, both parts base64url(nonce || ct).
 */
public final class SecretEncryptor {

    private static final String PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey masterKey;
    private final SecureRandom random = new SecureRandom();

    public SecretEncryptor(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("monban.crypto.master-key must be 32 bytes (base64 of 256 bits), got "
                    + masterKey.length + " bytes");
        }
        this.masterKey = new SecretKeySpec(masterKey, "AES");
    }

    public String encrypt(byte[] secret, String context) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey dataKey = generator.generateKey();
            byte[] aad = context.getBytes(StandardCharsets.UTF_8);
            byte[] wrapped = seal(masterKey, dataKey.getEncoded(), aad);
            byte[] sealed = seal(dataKey, secret, aad);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return PREFIX + "." + b64.encodeToString(wrapped) + "." + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] decrypt(String envelope, String context) {
        String[] parts = envelope.split("\\.");
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new SecretDecryptionException("unknown envelope format");
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] aad = context.getBytes(StandardCharsets.UTF_8);
            byte[] dataKey = open(masterKey, b64.decode(parts[1]), aad);
            return open(new SecretKeySpec(dataKey, "AES"), b64.decode(parts[2]), aad);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Wrong master key, tampered ciphertext or a ciphertext moved to another context.
            throw new SecretDecryptionException("secret cannot be decrypted with the configured master key");
        }
    }

    private byte[] seal(SecretKey key, byte[] plain, byte[] aad) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        byte[] ct = cipher.doFinal(plain);
        byte[] out = new byte[NONCE_BYTES + ct.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(ct, 0, out, NONCE_BYTES, ct.length);
        return out;
    }

    private byte[] open(SecretKey key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }
}
