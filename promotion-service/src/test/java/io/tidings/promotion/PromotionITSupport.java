package io.tidings.promotion;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidings.platform.content.ContentHash;
import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.messaging.EnvironmentEvent;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.test.SignedClient;
import io.tidings.platform.test.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the promotion-service ITs share: signed calls, an organization announced on Kafka, published revisions. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PromotionITSupport {

    static final String SIGNING_KEY = "promotion-service-it-signing-key-0123456789";
    static KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "promotion_it");
        registry.add("tidings.context.signing-key", () -> SIGNING_KEY);
        registry.add("tidings.promotion.pending-metric-interval", () -> "500ms");
        // an exhausted pool fails a request with a reason instead of hanging it
        registry.add("spring.r2dbc.pool.max-acquire-time", () -> "10s");
    }

    @AfterAll
    static synchronized void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null; // the next test class makes its own
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ContextCodec codec;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;

    final JsonMapper json = JsonMapper.builder().build();
    SignedClient client;

    @BeforeEach
    void client() {
        client = new SignedClient(port, codec);
    }

    // --- helpers -----------------------------------------------------------------------------

    /** An organization with development promoting to production, announced as environment-service would. */
    record Org(UUID id, UUID dev, UUID prod) {

        EnvironmentContext devContext() {
            return EnvironmentContext.apiKey(id, dev, EnvironmentKind.DEVELOPMENT, null, prod);
        }

        EnvironmentContext prodContext() {
            return EnvironmentContext.apiKey(id, prod, EnvironmentKind.PRODUCTION, dev, null);
        }
    }

    Org org() {
        Org org = new Org(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        send(Topics.ENVIRONMENT_EVENTS, org.dev().toString(), new EnvironmentEvent(EnvironmentEvent.Type.ENVIRONMENT_CREATED,
                org.id(), org.dev(), "Development", EnvironmentKind.DEVELOPMENT, null, List.of(), Instant.now()), UUID.randomUUID());
        send(Topics.ENVIRONMENT_EVENTS, org.prod().toString(), new EnvironmentEvent(EnvironmentEvent.Type.ENVIRONMENT_CREATED,
                org.id(), org.prod(), "Production", EnvironmentKind.PRODUCTION, org.dev(), List.of(), Instant.now()), UUID.randomUUID());
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> sourceOf(org.prod()).equals(org.dev().toString()) && sourceOf(org.dev()).equals("none"));
        return org;
    }

    String sourceOf(UUID env) {
        return db.sql("SELECT COALESCE(source_environment_id::text, 'none') AS s FROM environments WHERE environment_id = :env")
                .bind("env", env).map(row -> row.get("s", String.class)).one().defaultIfEmpty("").block();
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }
        return producer;
    }

    void send(String topic, String key, Object event, UUID messageId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json.writeValueAsString(event));
        record.headers().add(Topics.MESSAGE_ID_HEADER, messageId.toString().getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ContentRevisionEvent revision(Org org, UUID env, UUID key, long revision, boolean deleted, ObjectNode content, Instant at) {
        return new ContentRevisionEvent(org.id(), env, ContentTypes.WORKFLOW, key, revision, ContentHash.of(content), deleted,
                content.path("name").asString(""), content, "user-" + revision, at);
    }

    /** Publishes a revision as an owner's outbox relay would, and waits until the projection holds it. */
    void publish(Org org, UUID env, UUID key, long revision, boolean deleted, ObjectNode content) {
        publish(revision(org, env, key, revision, deleted, content, Instant.now()), UUID.randomUUID());
    }

    void publish(ContentRevisionEvent event, UUID messageId) {
        send(Topics.CONTENT_REVISIONS, event.messageKey(), event, messageId);
        awaitRevision(event.environmentId(), event.key(), event.revision());
    }

    void awaitRevision(UUID env, UUID key, long revision) {
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> projected(env, key) == revision);
    }

    long projected(UUID env, UUID key) {
        return db.sql("SELECT revision FROM content_state WHERE environment_id = :env AND key = :key")
                .bind("env", env).bind("key", key)
                .map(row -> row.get("revision", Long.class)).one().defaultIfEmpty(0L).block();
    }

    ObjectNode workflow(String name, String subject, String... steps) {
        ObjectNode content = json.createObjectNode().put("name", name).put("subject", subject);
        var array = content.putArray("steps");
        for (String step : steps) {
            array.addObject().put("type", step);
        }
        return content;
    }

    JsonNode get(String path, EnvironmentContext context) {
        try {
            return client.ok(client.call(HttpMethod.GET, path, context, null), 200);
        } catch (IllegalStateException e) {
            StringBuilder dump = new StringBuilder("THREAD DUMP after hang of " + path + "\n");
            Thread.getAllStackTraces().forEach((t, st) -> {
                dump.append(t.getName()).append(" ").append(t.getState()).append("\n");
                for (StackTraceElement el : st) dump.append("    at ").append(el).append("\n");
            });
            System.out.println(dump);
            throw e;
        }
    }

    void notFound(String path, EnvironmentContext context) {
        client.problem(client.call(HttpMethod.GET, path, context, null), 404);
    }

    Map<String, JsonNode> changesByKey(EnvironmentContext context) {
        Map<String, JsonNode> byKey = new HashMap<>();
        get("/v1/changes?limit=100", context).get("data").forEach(change -> byKey.put(change.get("key").asString(), change));
        return byKey;
    }

    long count(EnvironmentContext context) {
        return get("/v1/changes/count", context).get("data").asLong();
    }

    JsonNode diff(EnvironmentContext context, String changeId) {
        return get("/v1/changes/" + changeId + "/diff", context).get("data");
    }
}
