package io.tidings.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the local launcher reads from its environment, with the defaults used when a variable is absent.
 * Secrets (admin token, context signing key) are resolved separately by {@link LocalSecrets}.
 */
public record LocalConfig(
        Path repoRoot,
        Path dataDir,
        int gatewayPort,
        int environmentPort,
        int templatePort,
        int subscriberPort,
        int promotionPort,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        Duration startupTimeout) {

    public static final String DATA_DIR = "TIDINGS_DATA_DIR";
    public static final String GATEWAY_PORT = "TIDINGS_GATEWAY_PORT";
    public static final String ENVIRONMENT_PORT = "TIDINGS_ENVIRONMENT_PORT";
    public static final String TEMPLATE_PORT = "TIDINGS_TEMPLATE_PORT";
    public static final String SUBSCRIBER_PORT = "TIDINGS_SUBSCRIBER_PORT";
    public static final String PROMOTION_PORT = "TIDINGS_PROMOTION_PORT";
    public static final String POSTGRES_PORT = "TIDINGS_POSTGRES_PORT";
    public static final String KAFKA_PORT = "TIDINGS_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "TIDINGS_KAFKA_CONTROLLER_PORT";
    public static final String STARTUP_TIMEOUT = "TIDINGS_STARTUP_TIMEOUT_SECONDS";

    /**
     * @param env      the process environment (or a test map)
     * @param repoRoot the Tidings checkout; service jars are looked up under it and the default data dir is in it
     * @param cwd      what a relative {@value #DATA_DIR} is resolved against
     */
    public static LocalConfig from(Map<String, String> env, Path repoRoot, Path cwd) {
        String dataDirValue = env.get(DATA_DIR);
        Path dataDir = dataDirValue == null || dataDirValue.isBlank()
                ? repoRoot.resolve(".tidings")
                : cwd.resolve(dataDirValue);
        int kafkaPort = port(env, KAFKA_PORT, 19092);
        return new LocalConfig(
                repoRoot.toAbsolutePath().normalize(),
                dataDir.toAbsolutePath().normalize(),
                port(env, GATEWAY_PORT, 8080),
                port(env, ENVIRONMENT_PORT, 8081),
                port(env, TEMPLATE_PORT, 8082),
                port(env, SUBSCRIBER_PORT, 8083),
                port(env, PROMOTION_PORT, 8084),
                port(env, POSTGRES_PORT, 54320),
                kafkaPort,
                port(env, KAFKA_CONTROLLER_PORT, kafkaPort + 1),
                Duration.ofSeconds(positive(env, STARTUP_TIMEOUT, 120)));
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    static int port(Map<String, String> env, String name, int defaultValue) {
        int value = positive(env, name, defaultValue);
        if (value > 65535) {
            throw new IllegalArgumentException(name + " must be a TCP port (1-65535), was " + value);
        }
        return value;
    }

    private static int positive(Map<String, String> env, String name, int defaultValue) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive integer, was '" + raw + "'");
        }
    }
}
