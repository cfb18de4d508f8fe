package io.tidings.environment.crypto;

import io.tidings.platform.context.Ids;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Encrypts secrets at rest with AES-256-GCM. Each value gets a fresh random 12-byte nonce; the
 * stored form is {@code v1:} + base64(nonce || ciphertext || 16-byte tag). The caller's
 * {@code context} (what the value belongs to, e.g. an integration id and credential name) is
 * bound as associated data, so a ciphertext copied to another row or field does not open.
 */
public final class SecretBox {

    static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the encryption key must be exactly " + KEY_BYTES + " bytes, was "
                    + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        // load the JCE provider now, on the starting thread, not on a request's event loop
        open(seal("warm-up", "warm-up"), "warm-up");
    }

    /**
     * The box for a configured key: base64 (standard or URL-safe) of exactly 32 bytes.
     *
     * @throws IllegalStateException naming the setting, when the key is missing or malformed
     */
    public static SecretBox fromBase64(String setting, String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(setting + " is required: the base64 of 32 random bytes "
                    + "(for example the output of `openssl rand -base64 32`); it encrypts integration credentials "
                    + "and widget secrets at rest, so keep it and never change it without re-encrypting");
        }
        byte[] bytes;
        String trimmed = base64Key.strip();
        try {
            bytes = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not valid base64: " + e.getMessage());
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(setting + " must decode to exactly " + KEY_BYTES + " bytes (AES-256), it decodes to "
                    + bytes.length + " bytes; generate one with `openssl rand -base64 32`");
        }
        return new SecretBox(bytes);
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = Ids.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws SecretBoxException when the value was tampered with, sealed for another context or under another key */
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new SecretBoxException("not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("sealed value is not valid base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("sealed value failed authentication: tampered, moved, or sealed under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** A stored secret that does not open. Never carries the value. */
    public static final class SecretBoxException extends RuntimeException {
        SecretBoxException(String message) {
            super(message);
        }
    }
}
