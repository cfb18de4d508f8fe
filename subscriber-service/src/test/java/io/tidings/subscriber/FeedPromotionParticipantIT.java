package io.tidings.subscriber;

import io.tidings.platform.content.ContentRevision;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.messaging.ApplyChanges;
import io.tidings.platform.messaging.PromotionItem;
import io.tidings.platform.messaging.RevertChanges;
import io.tidings.platform.test.SagaDriver;
import io.tidings.platform.test.SignedClient;
import io.tidings.platform.test.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
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

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 5: subscriber-service as a participant of the promotion saga (feeds), driven through Kafka only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeedPromotionParticipantIT {

    static final String SIGNING_KEY = "subscriber-promotion-it-signing-key-0123456789";
    static final StubEnvironmentService STUB = new StubEnvironmentService(SIGNING_KEY);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "subscriber_promotion_it");
        registry.add("tidings.context.signing-key", () -> SIGNING_KEY);
        registry.add("tidings.subscriber.environment-service-uri", STUB::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    ContextCodec codec;
    @Autowired
    DatabaseClient db;
    @Autowired
    RevisionLog revisions;

    SignedClient client;
    SagaDriver saga;

    @BeforeEach
    void setUp() {
        client = new SignedClient(port, codec);
        saga = new SagaDriver("subscriber");
    }

    @AfterEach
    void tearDown() {
        saga.close();
    }

    @Test
    void promotesAFeedOnceAndRevertsItAway() {
        UUID org = UUID.randomUUID();
        UUID dev = UUID.randomUUID();
        UUID prod = UUID.randomUUID();
        EnvironmentContext devContext = EnvironmentContext.apiKey(org, dev, EnvironmentKind.DEVELOPMENT, null, prod);
        String id = client.ok(client.call(HttpMethod.POST, "/v1/feeds", devContext, Map.of("name", "Product Updates")), 201)
                .get("data").get("_id").asString();
        UUID key = UUID.fromString(id);
        ContentRevision source = revisions.latest(dev, ContentTypes.FEED, key).block();
        ApplyChanges apply = new ApplyChanges(UUID.randomUUID(), 3, org, prod,
                List.of(new PromotionItem(ContentTypes.FEED, key, source.revision(), source.content(), false)));

        saga.send(apply);
        JsonNode applied = saga.reply(apply.promotionId(), "ChangesApplied", 1);
        assertThat(applied.get("service").asString()).isEqualTo("subscriber");
        assertThat(applied.get("step").asInt()).isEqualTo(3);
        assertThat(feeds(prod)).isEqualTo(1);
        assertThat(revisions.latest(prod, ContentTypes.FEED, key).block().contentHash()).isEqualTo(source.contentHash());

        saga.send(apply);
        saga.reply(apply.promotionId(), "ChangesApplied", 2);
        assertThat(feedRevisions(prod)).isEqualTo(1);

        RevertChanges revert = new RevertChanges(apply.promotionId(), 3, org, prod);
        saga.send(revert);
        saga.reply(apply.promotionId(), "ChangesReverted", 1);
        assertThat(feeds(prod)).isZero();
        assertThat(revisions.latest(prod, ContentTypes.FEED, key).block().deleted()).isTrue();

        saga.send(revert);
        saga.reply(apply.promotionId(), "ChangesReverted", 2);
        assertThat(feedRevisions(prod)).isEqualTo(2);
        assertThat(feeds(prod)).isZero();
    }

    long feeds(UUID env) {
        return count("SELECT count(*) AS n FROM feeds WHERE environment_id = :env", env);
    }

    long feedRevisions(UUID env) {
        return count("SELECT count(*) AS n FROM content_revisions WHERE environment_id = :env AND entity_type = 'feed'", env);
    }

    long count(String sql, UUID env) {
        return db.sql(sql).bind("env", env).map(row -> row.get("n", Long.class)).one().block();
    }
}
