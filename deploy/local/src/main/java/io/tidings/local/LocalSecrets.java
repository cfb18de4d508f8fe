package io.tidings.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** The admin token, the context signing key and the encryption key: taken from the environment, else generated. */
public final class LocalSecrets {

    public static final String ADMIN_TOKEN = "TIDINGS_ADMIN_TOKEN";
    public static final String CONTEXT_SIGNING_KEY = "TIDINGS_CONTEXT_SIGNING_KEY";
    /** Where a generated signing key is kept inside the data dir, so restarts keep verifying each other's contexts. */
    public static final String SIGNING_KEY_FILE = "context-signing-key";
    public static final String ENCRYPTION_KEY = "TIDINGS_ENCRYPTION_KEY";
    /**
     * Where a generated encryption key is kept inside the data dir: the databases there hold secrets sealed with it,
     * so losing it makes stored integration credentials and widget secrets unreadable.
     */
    public static final String ENCRYPTION_KEY_FILE = "encryption-key";

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
        return fromEnvOrPersisted(env.get(CONTEXT_SIGNING_KEY), dataDir, SIGNING_KEY_FILE, LocalSecrets::randomSecret);
    }

    /**
     * The AES-256 key of secrets at rest (base64 of 32 bytes, as environment-service wants it): from the environment;
     * else the one persisted in the data dir; else a new one, written there (owner-only) for the next start.
     */
    public static String encryptionKey(Map<String, String> env, Path dataDir) throws IOException {
        return fromEnvOrPersisted(env.get(ENCRYPTION_KEY), dataDir, ENCRYPTION_KEY_FILE, LocalSecrets::randomEncryptionKey);
    }

    /** 32 random bytes, standard base64 with padding (44 characters). */
    public static String randomEncryptionKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String fromEnvOrPersisted(String fromEnv, Path dataDir, String fileName,
                                             java.util.function.Supplier<String> generate) throws IOException {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String persisted = read(dataDir, fileName);
        if (persisted != null) {
            return persisted;
        }
        String key = generate.get();
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(fileName);
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
        return read(dataDir, SIGNING_KEY_FILE);
    }

    private static String read(Path dataDir, String fileName) throws IOException {
        Path file = dataDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String key = Files.readString(file, StandardCharsets.UTF_8).trim();
        return key.isEmpty() ? null : key;
    }
}
