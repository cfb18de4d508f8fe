package io.tidings.environment.widget;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code hmacHash = lowercase hex(HMAC-SHA256(key = UTF-8 bytes of the widget secret string,
 * message = UTF-8 bytes of the subscriberId))}, compared in constant time.
 */
public final class SubscriberHash {

    static {
        of("warm-up", "warm-up"); // load the JCE provider at class load, not on a request's event loop
    }

    private SubscriberHash() {
    }

    public static String of(String widgetSecret, String subscriberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(widgetSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(subscriberId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code given} is the subscriber's hash; hex case is ignored. */
    public static boolean matches(String widgetSecret, String subscriberId, String given) {
        byte[] expected = of(widgetSecret, subscriberId).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = given.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }
}
