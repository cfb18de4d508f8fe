package io.tidings.environment;

import io.tidings.environment.brand.BrandContent;
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

/** Issue 5: environment-service as a participant of the promotion saga (the brand), driven through Kafka only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrandPromotionParticipantIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "environment_promotion_it");
        registry.add("tidings.context.signing-key", () -> EnvironmentServiceIT.SIGNING_KEY);
        registry.add("tidings.encryption.key", () -> EnvironmentServiceIT.ENCRYPTION_KEY);
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
        saga = new SagaDriver("environment");
    }

    @AfterEach
    void tearDown() {
        saga.close();
    }

    @Test
    void promotesTheBrandOnceAndRevertsToTheDefaults() {
        JsonNode created = client.ok(client.call(HttpMethod.POST, "/v1/organizations", EnvironmentContext.admin(),
                Map.of("name", "Promoted brand")), 201).get("data");
        UUID org = UUID.fromString(created.get("_id").asString());
        UUID dev = UUID.fromString(created.get("environments").get(0).get("_id").asString());
        UUID prod = UUID.fromString(created.get("environments").get(1).get("_id").asString());
        EnvironmentContext devContext = EnvironmentContext.apiKey(org, dev, EnvironmentKind.DEVELOPMENT, null, prod);
        EnvironmentContext prodContext = EnvironmentContext.apiKey(org, prod, EnvironmentKind.PRODUCTION, dev, null);
        client.ok(client.call(HttpMethod.PUT, "/v1/organizations/branding", devContext, Map.of("color", "#123456")), 200);
        UUID key = BrandContent.keyFor(org);
        ContentRevision source = revisions.latest(dev, ContentTypes.BRAND, key).block();
        ApplyChanges apply = new ApplyChanges(UUID.randomUUID(), 1, org, prod,
                List.of(new PromotionItem(ContentTypes.BRAND, key, source.revision(), source.content(), false)));

        saga.send(apply);
        JsonNode applied = saga.reply(apply.promotionId(), "ChangesApplied", 1);
        assertThat(applied.get("service").asString()).isEqualTo("environment");
        assertThat(applied.get("previous").get(0).get("revision").isNull()).isTrue();
        assertThat(color(prodContext)).isEqualTo("#123456");
        assertThat(brandRevisions(prod)).isEqualTo(1);

        saga.send(apply);
        assertThat(saga.reply(apply.promotionId(), "ChangesApplied", 2).get("previous")).isEqualTo(applied.get("previous"));
        assertThat(brandRevisions(prod)).isEqualTo(1);

        RevertChanges revert = new RevertChanges(apply.promotionId(), 1, org, prod);
        saga.send(revert);
        saga.reply(apply.promotionId(), "ChangesReverted", 1);
        assertThat(brandRows(prod)).isZero();
        assertThat(revisions.latest(prod, ContentTypes.BRAND, key).block().deleted()).isTrue();
        assertThat(color(prodContext)).isNotEqualTo("#123456");

        saga.send(revert);
        saga.reply(apply.promotionId(), "ChangesReverted", 2);
        assertThat(brandRevisions(prod)).isEqualTo(2);
        assertThat(brandRows(prod)).isZero();
    }

    @Test
    void anotherOrganizationsBrandIsRefused() {
        UUID org = UUID.randomUUID();
        UUID prod = UUID.randomUUID();
        ApplyChanges apply = new ApplyChanges(UUID.randomUUID(), 1, org, prod, List.of(new PromotionItem(ContentTypes.BRAND,
                BrandContent.keyFor(UUID.randomUUID()), 1, tools.jackson.databind.json.JsonMapper.builder().build()
                .createObjectNode().put("color", "#000000"), false)));
        saga.send(apply);
        assertThat(saga.reply(apply.promotionId(), "ApplyFailed", 1).get("reason").asString()).contains("is not the brand of organization");
        assertThat(brandRows(prod)).isZero();
    }

    String color(EnvironmentContext context) {
        return client.ok(client.call(HttpMethod.GET, "/v1/organizations/branding", context, null), 200).get("data").get("color").asString();
    }

    long brandRevisions(UUID env) {
        return count("SELECT count(*) AS n FROM content_revisions WHERE environment_id = :env AND entity_type = 'brand'", env);
    }

    long brandRows(UUID env) {
        return count("SELECT count(*) AS n FROM brands WHERE environment_id = :env", env);
    }

    long count(String sql, UUID env) {
        return db.sql(sql).bind("env", env).map(row -> row.get("n", Long.class)).one().block();
    }
}
