package io.tidings.gateway.admin;

import io.tidings.gateway.config.GatewaySettings;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The operator's bearer token, compared in constant time. */
@Component
public class AdminToken {

    private final byte[] expectedDigest;

    public AdminToken(GatewaySettings settings) {
        String token = settings.adminToken();
        this.expectedDigest = token == null || token.isBlank() ? null : digest(token);
    }

    public boolean configured() {
        return expectedDigest != null;
    }

    /** Both sides are hashed first so that neither the content nor the length of the token leaks through timing. */
    public boolean matches(String presented) {
        return configured() && presented != null && MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
