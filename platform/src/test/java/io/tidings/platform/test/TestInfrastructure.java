package io.tidings.platform.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, shared by every test class in it.
 * Testcontainers when a Docker engine is reachable; otherwise real PostgreSQL binaries (zonky)
 * and an in-JVM KRaft broker. Both stop when the JVM exits.
 */
public final class TestInfrastructure {

    private static TestPostgres postgres;
    private static String kafkaBootstrapServers;

    private TestInfrastructure() {
    }

    public static synchronized TestPostgres postgres() {
        if (postgres == null) {
            postgres = dockerAvailable() ? containerPostgres() : embeddedPostgres();
        }
        return postgres;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            kafkaBootstrapServers = dockerAvailable() ? containerKafka() : embeddedKafka();
        }
        return kafkaBootstrapServers;
    }

    /** Points a Spring test context at the shared servers, with a database of its own. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        TestPostgres pg = postgres();
        pg.createDatabase(database);
        registry.add("tidings.postgres.host", pg::host);
        registry.add("tidings.postgres.port", pg::port);
        registry.add("tidings.postgres.username", pg::username);
        registry.add("tidings.postgres.password", pg::password);
        registry.add("tidings.database.name", () -> database);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("tidings.test.embedded")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static TestPostgres embeddedPostgres() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temp directory is removed with it
                }
            }));
            return new Fixed("localhost", server.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static TestPostgres containerPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new Fixed(container.getHost(), container.getMappedPort(5432), container.getUsername(), container.getPassword());
    }

    private static String embeddedKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                // new consumer groups join at once instead of waiting 3 s for company
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        return broker.getBrokersAsString();
    }

    private static String containerKafka() {
        KafkaContainer container = new KafkaContainer("apache/kafka-native:3.8.0")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return container.getBootstrapServers();
    }

    private record Fixed(String host, int port, String username, String password) implements TestPostgres {
    }
}
