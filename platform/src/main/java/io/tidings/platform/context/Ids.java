package io.tidings.platform.context;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random ids and secrets without blocking I/O. {@code UUID.randomUUID()} reads /dev/urandom
 * on every call under the default provider; a DRBG seeded once does not, so these are safe on
 * event-loop threads.
 */
public final class Ids {

    private static final SecureRandom RANDOM = drbg();

    private Ids() {
    }

    /**
     * Seeds the generator now. Call it where a service starts (a bean constructor), so that the
     * seeding read of /dev/urandom never lands on the event-loop thread of a first request.
     */
    public static void warmUp() {
        // loading the class seeds RANDOM
    }

    public static UUID uuid() {
        byte[] bytes = randomBytes(16);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static SecureRandom drbg() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[16]); // seed now, at class load, not on a request thread
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG SecureRandom is missing from this JVM", e);
        }
    }
}
