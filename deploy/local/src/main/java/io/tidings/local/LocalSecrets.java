package io.tidings.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** The admin token and the context signing key: taken from the environment, else generated. */
public final class LocalSecrets {

    public static final String ADMIN_TOKEN = "TIDINGS_ADMIN_TOKEN";
    public static final String CONTEXT_SIGNING_KEY = "TIDINGS_CONTEXT_SIGNING_KEY";
    /** Where a generated signing key is kept inside the data dir, so restarts keep verifying each other's contexts. */
    public static final String SIGNING_KEY_FILE = "context-signing-key";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The admin token from the environment, or null when the launcher has to generate one. */
    public static String adminTokenFromEnv(Map<String, String> env) {
        String token = env.get(ADMIN_TOKEN);
        return token == null || token.isBlank() ? null : token;
    }

    /**
     * The signing key from the environment; else the one persisted in the data dir; else a new one,
     * written there (owner-only) for the next start.
     */
    public static String signingKey(Map<String, String> env, Path dataDir) throws IOException {
        String fromEnv = env.get(CONTEXT_SIGNING_KEY);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String persisted = readSigningKey(dataDir);
        if (persisted != null) {
            return persisted;
        }
        String key = randomSecret();
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(SIGNING_KEY_FILE);
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the key is still usable
        }
        return key;
    }

    /** The persisted signing key, or null when there is none yet. */
    public static String readSigningKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve(SIGNING_KEY_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String key = Files.readString(file, StandardCharsets.UTF_8).trim();
        return key.isEmpty() ? null : key;
    }
}
