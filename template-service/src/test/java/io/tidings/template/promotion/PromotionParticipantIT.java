package io.tidings.template.promotion;

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
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 5: template-service as a participant of the promotion saga, driven through Kafka only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PromotionParticipantIT {

    static final String SIGNING_KEY = "template-promotion-it-signing-key-0123456789";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "template_promotion_it");
        registry.add("tidings.context.signing-key", () -> SIGNING_KEY);
    }

    @LocalServerPort
    int port;
    @Autowired
    ContextCodec codec;
    @Autowired
    DatabaseClient db;
    @Autowired
    RevisionLog revisionLog;

    final JsonMapper json = JsonMapper.builder().build();
    SignedClient client;
    SagaDriver saga;

    UUID org = UUID.randomUUID();
    UUID dev = UUID.randomUUID();
    UUID prod = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        client = new SignedClient(port, codec);
        saga = new SagaDriver("template");
    }

    @AfterEach
    void tearDown() {
        saga.close();
    }

    @Test
    void appliesOnceRevertsToExactlyWhatWasThereAndAnswersDuplicatesAgain() {
        String groupId = create("/v1/notification-groups", Map.of("name", "Ops"));
        String layoutId = create("/v1/layouts", Map.of("name", "Main", "content", "<html>{{{body}}}</html>"));
        String workflowId = create("/v1/notification-templates", Map.of("name", "Alert", "notificationGroupId", groupId,
                "steps", List.of(Map.of("name", "Mail", "type", "email",
                        "template", Map.of("subject", "S", "content", "B", "layoutId", layoutId)))));
        List<PromotionItem> items = List.of(item(ContentTypes.WORKFLOW, workflowId), item(ContentTypes.LAYOUT, layoutId),
                item(ContentTypes.NOTIFICATION_GROUP, groupId));
        UUID promotionId = UUID.randomUUID();
        ApplyChanges apply = new ApplyChanges(promotionId, 1, org, prod, items);

        send(apply);
        JsonNode applied = reply(promotionId, "ChangesApplied", 1);
        assertThat(applied.get("step").asInt()).isEqualTo(1);
        assertThat(applied.get("service").asString()).isEqualTo("template");
        JsonNode previous = applied.get("previous");
        assertThat(previous).hasSize(3);
        previous.forEach(state -> {
            assertThat(state.get("revision").isNull()).isTrue();
            assertThat(state.get("deleted").asBoolean()).isFalse();
        });
        assertThat(previous.get(0).get("key").asString()).isEqualTo(workflowId);
        assertProduction(1, 1, 1);
        for (String[] entity : List.of(new String[] {ContentTypes.WORKFLOW, workflowId}, new String[] {ContentTypes.LAYOUT, layoutId},
                new String[] {ContentTypes.NOTIFICATION_GROUP, groupId})) {
            ContentRevision inProd = latest(prod, entity[0], entity[1]);
            assertThat(inProd.revision()).isEqualTo(1);
            assertThat(inProd.actor()).isEqualTo("promotion");
            assertThat(inProd.contentHash()).isEqualTo(latest(dev, entity[0], entity[1]).contentHash());
        }
        assertThat(status(promotionId, 1)).isEqualTo("APPLIED");

        // the same command again: the same answer, nothing applied twice
        send(apply);
        JsonNode again = reply(promotionId, "ChangesApplied", 2);
        assertThat(again.get("previous")).isEqualTo(previous);
        assertThat(revisions(prod)).isEqualTo(3);
        assertProduction(1, 1, 1);

        // compensation: production exactly as before, twice over
        RevertChanges revert = new RevertChanges(promotionId, 1, org, prod);
        send(revert);
        assertThat(reply(promotionId, "ChangesReverted", 1).get("service").asString()).isEqualTo("template");
        assertProduction(0, 0, 0);
        assertThat(latest(prod, ContentTypes.WORKFLOW, workflowId).deleted()).isTrue();
        assertThat(latest(prod, ContentTypes.LAYOUT, layoutId).deleted()).isTrue();
        assertThat(latest(prod, ContentTypes.NOTIFICATION_GROUP, groupId).deleted()).isTrue();
        long afterRevert = revisions(prod);
        assertThat(status(promotionId, 1)).isEqualTo("REVERTED");

        send(revert);
        reply(promotionId, "ChangesReverted", 2);
        assertThat(revisions(prod)).isEqualTo(afterRevert);
        assertProduction(0, 0, 0);

        // the ApplyChanges redelivered after its revert is answered with the recorded reply and applies nothing
        send(apply);
        reply(promotionId, "ChangesApplied", 3);
        assertProduction(0, 0, 0);
        assertThat(revisions(prod)).isEqualTo(afterRevert);
    }

    @Test
    void aRevertPutsBackContentProductionHadBefore() {
        String groupId = create("/v1/notification-groups", Map.of("name", "Ops"));
        UUID first = UUID.randomUUID();
        send(new ApplyChanges(first, 1, org, prod, List.of(item(ContentTypes.NOTIFICATION_GROUP, groupId))));
        reply(first, "ChangesApplied", 1);
        ContentRevision before = latest(prod, ContentTypes.NOTIFICATION_GROUP, groupId);

        ok(client.call(HttpMethod.PATCH, "/v1/notification-groups/" + groupId, devContext(), Map.of("name", "Operations")), 200);
        UUID second = UUID.randomUUID();
        send(new ApplyChanges(second, 1, org, prod, List.of(item(ContentTypes.NOTIFICATION_GROUP, groupId))));
        JsonNode previous = reply(second, "ChangesApplied", 1).get("previous").get(0);
        assertThat(previous.get("revision").asLong()).isEqualTo(1);
        assertThat(previous.get("content").get("name").asString()).isEqualTo("Ops");
        assertThat(groupName(groupId)).isEqualTo("Operations");

        send(new RevertChanges(second, 1, org, prod));
        reply(second, "ChangesReverted", 1);
        assertThat(groupName(groupId)).isEqualTo("Ops");
        ContentRevision after = latest(prod, ContentTypes.NOTIFICATION_GROUP, groupId);
        assertThat(after.revision()).isEqualTo(3);
        assertThat(after.deleted()).isFalse();
        assertThat(after.contentHash()).isEqualTo(before.contentHash());
    }

    @Test
    void aStepWithAnItemTheServiceRefusesAppliesNothingAndSaysWhy() {
        String groupId = create("/v1/notification-groups", Map.of("name", "Ops"));
        String workflowId = create("/v1/notification-templates", Map.of("name", "Alert", "notificationGroupId", groupId,
                "steps", List.of(Map.of("name", "Inbox", "type", "in_app", "template", Map.of("content", "x")))));
        UUID promotionId = UUID.randomUUID();
        ApplyChanges apply = new ApplyChanges(promotionId, 2, org, prod, List.of(item(ContentTypes.NOTIFICATION_GROUP, groupId),
                item(ContentTypes.WORKFLOW, workflowId),
                new PromotionItem(ContentTypes.BRAND, UUID.randomUUID(), 1, json.createObjectNode().put("color", "#fff"), false)));

        send(apply);
        JsonNode failed = reply(promotionId, "ApplyFailed", 1);
        assertThat(failed.get("step").asInt()).isEqualTo(2);
        assertThat(failed.get("service").asString()).isEqualTo("template");
        assertThat(failed.get("reason").asString()).contains("brand");
        assertProduction(0, 0, 0);
        assertThat(revisions(prod)).isZero();
        assertThat(status(promotionId, 2)).isEqualTo("FAILED");

        // a duplicate gets the same refusal; a revert of the failed step has nothing to undo
        send(apply);
        assertThat(reply(promotionId, "ApplyFailed", 2).get("reason")).isEqualTo(failed.get("reason"));
        send(new RevertChanges(promotionId, 2, org, prod));
        reply(promotionId, "ChangesReverted", 1);
        assertProduction(0, 0, 0);
        assertThat(revisions(prod)).isZero();
    }

    @Test
    void aRevertBeforeItsApplyIsAnsweredAndTheLateApplyIsRefused() {
        String groupId = create("/v1/notification-groups", Map.of("name", "Ops"));
        UUID promotionId = UUID.randomUUID();
        send(new RevertChanges(promotionId, 1, org, prod));
        reply(promotionId, "ChangesReverted", 1);

        send(new ApplyChanges(promotionId, 1, org, prod, List.of(item(ContentTypes.NOTIFICATION_GROUP, groupId))));
        assertThat(reply(promotionId, "ApplyFailed", 1).get("reason").asString()).contains("reverted before it was applied");
        assertThat(rows("notification_groups")).isZero();
    }

    @Test
    void aGroupMadeAgainUnderTheNameOfADeletedOneNeedsTheDeleteInTheSameStep() {
        String first = create("/v1/notification-groups", Map.of("name", "Ops"));
        UUID promoted = UUID.randomUUID();
        send(new ApplyChanges(promoted, 1, org, prod, List.of(item(ContentTypes.NOTIFICATION_GROUP, first))));
        reply(promoted, "ChangesApplied", 1);
        assertThat(groupName(first)).isEqualTo("Ops");
        ok(client.call(HttpMethod.DELETE, "/v1/notification-groups/" + first, devContext(), null), 200);
        String again = create("/v1/notification-groups", Map.of("name", "Ops"));

        // alone, the new group clashes with the one production still has: refused, and the reason says so
        UUID alone = UUID.randomUUID();
        send(new ApplyChanges(alone, 1, org, prod, List.of(item(ContentTypes.NOTIFICATION_GROUP, again))));
        String reason = reply(alone, "ApplyFailed", 1).get("reason").asString();
        assertThat(reason).contains("notification group 'Ops'", again, "another notification group named 'Ops'")
                .doesNotContain("SQL");
        assertThat(groupName(again)).isNull();

        // with the delete in the same step, in any order, the new one takes the name
        UUID both = UUID.randomUUID();
        send(new ApplyChanges(both, 1, org, prod, List.of(item(ContentTypes.NOTIFICATION_GROUP, again),
                item(ContentTypes.NOTIFICATION_GROUP, first))));
        reply(both, "ChangesApplied", 1);
        assertThat(groupName(again)).isEqualTo("Ops");
        assertThat(groupName(first)).isNull();
    }

    // --- helpers ---------------------------------------------------------------------------------

    EnvironmentContext devContext() {
        return EnvironmentContext.apiKey(org, dev, EnvironmentKind.DEVELOPMENT, null, prod);
    }

    JsonNode ok(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> spec, int status) {
        return client.ok(spec, status);
    }

    String create(String path, Map<String, Object> body) {
        return ok(client.call(HttpMethod.POST, path, devContext(), body), 201).get("data").get("_id").asString();
    }

    PromotionItem item(String type, String key) {
        ContentRevision revision = latest(dev, type, key);
        return new PromotionItem(type, revision.key(), revision.revision(), revision.content(), revision.deleted());
    }

    ContentRevision latest(UUID env, String type, String key) {
        return revisionLog.latest(env, type, UUID.fromString(key)).block();
    }

    void send(ApplyChanges command) {
        saga.send(command);
    }

    void send(RevertChanges command) {
        saga.send(command);
    }

    JsonNode reply(UUID promotionId, String type, int nth) {
        JsonNode payload = saga.reply(promotionId, type, nth);
        assertThat(payload.get("promotionId").asString()).isEqualTo(promotionId.toString());
        return payload;
    }

    void assertProduction(long workflows, long layouts, long groups) {
        assertThat(rows("workflows")).as("workflows in production").isEqualTo(workflows);
        assertThat(rows("layouts")).as("layouts in production").isEqualTo(layouts);
        assertThat(rows("notification_groups")).as("groups in production").isEqualTo(groups);
    }

    long rows(String table) {
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE environment_id = :env").bind("env", prod)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    long revisions(UUID env) {
        return db.sql("SELECT count(*) AS n FROM content_revisions WHERE environment_id = :env").bind("env", env)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    String groupName(String id) {
        return db.sql("SELECT name FROM notification_groups WHERE environment_id = :env AND id = :id")
                .bind("env", prod).bind("id", UUID.fromString(id))
                .map(row -> row.get("name", String.class)).one().block();
    }

    String status(UUID promotionId, int step) {
        return db.sql("SELECT status FROM promotion_steps WHERE promotion_id = :id AND step = :step")
                .bind("id", promotionId).bind("step", step)
                .map(row -> row.get("status", String.class)).one().block();
    }
}
