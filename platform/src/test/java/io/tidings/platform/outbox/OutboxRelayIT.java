package io.tidings.platform.outbox;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.tidings.platform.test.KafkaProbe;
import io.tidings.platform.test.TestInfrastructure;
import io.tidings.platform.test.TestPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox on a real PostgreSQL and Kafka: atomic with the change, and safe with two relays. */
class OutboxRelayIT {

    static DatabaseClient db;
    static TransactionalOperator tx;
    static KafkaTemplate<String, String> kafka;
    static Outbox outbox;

    record Ping(String text) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres pg = TestInfrastructure.postgres();
        pg.createDatabase("outbox_it");
        try (var connection = DriverManager.getConnection(pg.jdbcUrl("outbox_it"), pg.username(), pg.password())) {
            connection.createStatement().execute("DROP TABLE IF EXISTS outbox, processed_messages, things");
            connection.createStatement().execute(Files.readString(
                    Path.of("src/main/resources/db/platform/V0_1__outbox_and_processed_messages.sql")));
            connection.createStatement().execute("CREATE TABLE things (id TEXT PRIMARY KEY)");
        }
        ConnectionFactory factory = ConnectionFactories.get("r2dbc:postgresql://" + pg.username() + ":" + pg.password()
                + "@" + pg.host() + ":" + pg.port() + "/outbox_it");
        db = DatabaseClient.create(factory);
        tx = TransactionalOperator.create(new R2dbcTransactionManager(factory));
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
        outbox = new Outbox(db, JsonMapper.builder().build());
    }

    long count(String table) {
        return db.sql("SELECT count(*) AS n FROM " + table).map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void aRolledBackChangeLeavesNoMessage() {
        long before = count("outbox");
        Mono<Void> failing = db.sql("INSERT INTO things (id) VALUES ('rolled-back')").fetch().rowsUpdated()
                .then(outbox.append("tidings.test.rollback", "k", new Ping("never")))
                .then(Mono.error(new IllegalStateException("the change fails after the append")));

        assertThat(tx.transactional(failing).onErrorResume(e -> Mono.empty()).block()).isNull();

        assertThat(count("outbox")).isEqualTo(before);
        assertThat(db.sql("SELECT count(*) AS n FROM things WHERE id = 'rolled-back'").map(r -> r.get("n", Long.class)).one().block())
                .isZero();
    }

    /**
     * As the services do at start-up. Left to auto-creation, a topic's first produce can race its
     * leader election, and on a loaded machine the idempotent producer then retries with
     * OUT_OF_ORDER_SEQUENCE_NUMBER past the test's patience; that is not what this test is about.
     */
    static void createTopic(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    @Test
    void twoRelaysPublishEveryMessageExactlyOnce() {
        String topic = "tidings.test.relay." + UUID.randomUUID();
        createTopic(topic);
        int messages = 600;
        Flux.range(0, messages)
                .concatMap(i -> tx.transactional(outbox.append(topic, "key-" + (i % 7), new Ping("m" + i))))
                .blockLast();

        OutboxRelay first = new OutboxRelay(db, tx, kafka, Duration.ofMillis(50), 50);
        OutboxRelay second = new OutboxRelay(db, tx, kafka, Duration.ofMillis(50), 50);
        Long relayed = Mono.zip(first.drain(), second.drain(), Long::sum).block(Duration.ofSeconds(60));

        assertThat(relayed).isEqualTo(messages);
        assertThat(count("outbox")).isZero();
        Set<String> ids = new HashSet<>();
        AtomicInteger received = new AtomicInteger();
        try (KafkaProbe probe = new KafkaProbe(topic)) {
            probe.await(record -> {
                received.incrementAndGet();
                ids.add(new String(record.headers().lastHeader("tidings-message-id").value(), StandardCharsets.UTF_8));
                return false;
            }, Duration.ofSeconds(8));
        }
        assertThat(received.get()).isEqualTo(messages);
        assertThat(ids).hasSize(messages);
    }

    @Test
    void anIdempotentConsumerRunsTheWorkOnce() {
        IdempotentConsumer consumer = new IdempotentConsumer(db, tx);
        AtomicInteger runs = new AtomicInteger();
        String messageId = UUID.randomUUID().toString();
        Mono<Void> work = Mono.fromRunnable(runs::incrementAndGet);

        assertThat(consumer.processOnce("test-consumer", messageId, work).block()).isTrue();
        assertThat(consumer.processOnce("test-consumer", messageId, work).block()).isFalse();
        assertThat(consumer.processOnce("other-consumer", messageId, work).block()).isTrue();
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aBatchRunsItsNewRecordsOnceInOneTransaction() {
        IdempotentConsumer consumer = new IdempotentConsumer(db, tx);
        String seen = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        List<List<String>> runs = new ArrayList<>();
        Function<List<String>, Mono<?>> work = items -> Mono.fromRunnable(() -> runs.add(items));
        Function<ConsumerRecord<String, String>, Optional<String>> read =
                record -> "skip".equals(record.value()) ? Optional.empty() : Optional.of(record.value());

        consumer.processBatch("batch-consumer", List.of(record(seen, "a")), read, work).block();
        consumer.processBatch("batch-consumer", List.of(record(seen, "a again"), record(fresh, "b"), record(fresh, "b twice"),
                record(null, "no id"), record(UUID.randomUUID().toString(), "skip")), read, work).block();

        assertThat(runs).containsExactly(List.of("a"), List.of("b", "no id"));
        assertThat(db.sql("SELECT count(*) AS n FROM processed_messages WHERE consumer = 'batch-consumer'")
                .map(row -> row.get("n", Long.class)).one().block()).as("a skipped record is not recorded").isEqualTo(2L);
    }

    @Test
    void aFailedBatchLeavesNoRecordOfItsMessages() {
        IdempotentConsumer consumer = new IdempotentConsumer(db, tx);
        String id = UUID.randomUUID().toString();
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> failing = consumer.processBatch("failing-consumer", List.of(record(id, "x")), record -> Optional.of(record.value()),
                items -> Mono.fromRunnable(attempts::incrementAndGet).then(Mono.error(new IllegalStateException("refused"))));

        assertThatThrownBy(failing::block).hasMessageContaining("refused");
        assertThat(attempts.get()).as("retried after a failure").isGreaterThan(1);
        assertThat(db.sql("SELECT count(*) AS n FROM processed_messages WHERE consumer = 'failing-consumer'")
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    private static ConsumerRecord<String, String> record(String messageId, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<String, String>("topic", 0, 0, "key", value);
        if (messageId != null) {
            record.headers().add("tidings-message-id", messageId.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
