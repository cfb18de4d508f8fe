package io.tidings.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/** Which services make up Tidings, in start order, and the environment every one of them is given. */
public final class TidingsServices {

    /**
     * @param name     the Maven module and jar name
     * @param database the PostgreSQL database it owns, or null
     */
    public record Service(String name, String database, ToIntFunction<LocalConfig> port) {

        public int port(LocalConfig config) {
            return port.applyAsInt(config);
        }
    }

    /** Start order: the gateway last, because it calls the others. */
    public static final List<Service> ALL = List.of(
            new Service("environment-service", "environment", LocalConfig::environmentPort),
            new Service("template-service", "template", LocalConfig::templatePort),
            new Service("subscriber-service", "subscriber", LocalConfig::subscriberPort),
            new Service("promotion-service", "promotion", LocalConfig::promotionPort),
            new Service("gateway", null, LocalConfig::gatewayPort));

    public static final String GATEWAY = "gateway";

    private TidingsServices() {
    }

    public static List<String> databases() {
        return ALL.stream().map(Service::database).filter(d -> d != null).toList();
    }

    /**
     * The variables every service gets, on top of the launcher's own environment. The service's own port is also
     * passed as SERVER_PORT so it listens where the launcher waits for it, whatever its configuration calls the port.
     */
    public static Map<String, String> environment(LocalConfig config, String signingKey, String adminToken,
                                                  String encryptionKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TIDINGS_POSTGRES_HOST", "localhost");
        env.put("TIDINGS_POSTGRES_PORT", String.valueOf(config.postgresPort()));
        env.put("TIDINGS_POSTGRES_USER", LocalPostgres.USER);
        env.put("TIDINGS_POSTGRES_PASSWORD", LocalPostgres.PASSWORD);
        env.put("TIDINGS_KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers());
        env.put("TIDINGS_CONTEXT_SIGNING_KEY", signingKey);
        env.put("TIDINGS_ADMIN_TOKEN", adminToken);
        env.put("TIDINGS_ENCRYPTION_KEY", encryptionKey);
        env.put("TIDINGS_GATEWAY_PORT", String.valueOf(config.gatewayPort()));
        env.put("TIDINGS_ENVIRONMENT_PORT", String.valueOf(config.environmentPort()));
        env.put("TIDINGS_TEMPLATE_PORT", String.valueOf(config.templatePort()));
        env.put("TIDINGS_SUBSCRIBER_PORT", String.valueOf(config.subscriberPort()));
        env.put("TIDINGS_PROMOTION_PORT", String.valueOf(config.promotionPort()));
        env.put("TIDINGS_ENVIRONMENT_SERVICE_URL", "http://localhost:" + config.environmentPort());
        env.put("TIDINGS_TEMPLATE_SERVICE_URL", "http://localhost:" + config.templatePort());
        env.put("TIDINGS_SUBSCRIBER_SERVICE_URL", "http://localhost:" + config.subscriberPort());
        env.put("TIDINGS_PROMOTION_SERVICE_URL", "http://localhost:" + config.promotionPort());
        return env;
    }

    /** {@link #environment} plus SERVER_PORT for one service. */
    public static Map<String, String> environmentFor(Service service, LocalConfig config, String signingKey,
                                                     String adminToken, String encryptionKey) {
        Map<String, String> env = environment(config, signingKey, adminToken, encryptionKey);
        env.put("SERVER_PORT", String.valueOf(service.port(config)));
        return env;
    }

    /**
     * The service's executable jar under {@code <root>/<name>/target}: {@code <name>-<version>.jar} when present,
     * else the newest {@code <name>-*.jar} that is not a plain, sources or tests jar.
     */
    public static Optional<Path> findJar(Path repoRoot, String name, String version) {
        Path target = repoRoot.resolve(name).resolve("target");
        Path exact = target.resolve(name + "-" + version + ".jar");
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                        String file = p.getFileName().toString();
                        return file.startsWith(name + "-") && file.endsWith(".jar")
                                && !file.endsWith("-plain.jar") && !file.endsWith("-sources.jar")
                                && !file.endsWith("-tests.jar") && !file.endsWith("-javadoc.jar");
                    })
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
