package io.tidings.promotion;

import io.tidings.platform.content.ContentRevision;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.messaging.ApplyChanges;
import io.tidings.platform.messaging.PromotionItem;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.test.KafkaProbe;
import io.tidings.platform.test.SagaDriver;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5, the saga: promotion-service with the real participant engine on the real topics (in
 * this JVM), real Postgres and Kafka. Production must end fully promoted or exactly as before.
 */
@Import(InJvmParticipants.class)
class SagaIT extends PromotionITSupport {

    @DynamicPropertySource
    static void saga(DynamicPropertyRegistry registry) {
        registry.add("tidings.promotion.step-timeout", () -> "3s");
        registry.add("tidings.promotion.sweep-interval", () -> "200ms");
        registry.add("tidings.promotion.step-max-items", () -> "2");
    }

    @Autowired
    RevisionLog revisions;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @AfterEach
    void unmute() {
        InJvmParticipants.MUTED.clear();
        listeners.getListenerContainer("promotionSagaReplies").start();
        listeners.getListenerContainer("promotionProjection").start();
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Writes a revision as the owning service would (revision log + outbox) and waits for the projection. */
    long edit(Org org, UUID env, String type, UUID key, ObjectNode content, boolean deleted) {
        ContentRevision written = revisions.append(new RevisionLog.Author(org.id(), env, "api_key"), type, key,
                content.path("name").asString(""), content, deleted).block();
        assertThat(written).as("the edit changed something").isNotNull();
        awaitRevision(env, key, written.revision());
        return written.revision();
    }

    ObjectNode named(String name) {
        return json.createObjectNode().put("name", name);
    }

    ObjectNode workflowUsing(String name, UUID group, UUID layout, UUID feed) {
        ObjectNode content = named(name).put("notificationGroupId", group.toString());
        var steps = content.putArray("steps");
        steps.addObject().put("type", "email").putObject("template").put("layoutId", layout.toString());
        steps.addObject().put("type", "in_app").putObject("template").put("feedId", feed.toString());
        return content;
    }

    JsonNode call(HttpMethod method, String path, EnvironmentContext context, Object body, int status) {
        return client.ok(client.call(method, path, context, body), status);
    }

    JsonNode problem(HttpMethod method, String path, EnvironmentContext context, Object body, int status) {
        return client.problem(client.call(method, path, context, body), status);
    }

    String promoteAll(Org org) {
        return call(HttpMethod.POST, "/v1/promotions", org.devContext(), Map.of("all", true), 202).get("data").get("_id").asString();
    }

    JsonNode awaitStatus(EnvironmentContext context, String promotionId, String status) {
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/v1/promotions/" + promotionId, context).get("data").get("status").asString().equals(status));
        return get("/v1/promotions/" + promotionId, context).get("data");
    }

    /** What production holds for the key per the projection: its content, or null when absent or deleted. */
    JsonNode live(UUID env, UUID key) {
        return db.sql("SELECT content FROM content_state WHERE environment_id = :env AND key = :key AND NOT deleted")
                .bind("env", env).bind("key", key)
                .map(row -> json.readTree(row.get("content", String.class))).one().block();
    }

    long revisionsIn(UUID env, UUID key) {
        return db.sql("SELECT count(*) AS n FROM content_revisions WHERE environment_id = :env AND entity_key = :key")
                .bind("env", env).bind("key", key).map(row -> row.get("n", Long.class)).one().block();
    }

    /** Waits until the projection has caught up with every revision the target's log holds. */
    void awaitProjected(UUID env, UUID... keys) {
        for (UUID key : keys) {
            long latest = db.sql("SELECT COALESCE(max(revision), 0) AS r FROM content_revisions WHERE environment_id = :env "
                            + "AND entity_key = :key").bind("env", env).bind("key", key)
                    .map(row -> row.get("r", Long.class)).one().block();
            awaitRevision(env, key, latest);
        }
    }

    // --- tests ---------------------------------------------------------------------------------

    @Test
    void promotesEveryPendingChangeAcrossParticipantsAndTheChangesListEmpties() {
        Org org = org();
        UUID group = UUID.randomUUID();
        UUID layout = UUID.randomUUID();
        UUID feed = UUID.randomUUID();
        UUID brand = UUID.randomUUID();
        UUID workflow = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.NOTIFICATION_GROUP, group, named("Billing"), false);
        edit(org, org.dev(), ContentTypes.LAYOUT, layout, named("Plain"), false);
        edit(org, org.dev(), ContentTypes.FEED, feed, named("Inbox"), false);
        edit(org, org.dev(), ContentTypes.BRAND, brand, named("Acme blue"), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, workflowUsing("Invoice", group, layout, feed), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, removed, named("Old"), false);
        String first = promoteAll(org);
        awaitStatus(org.devContext(), first, "completed");
        edit(org, org.dev(), ContentTypes.WORKFLOW, removed, named("Old"), true);
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, workflowUsing("Invoice v2", group, layout, feed), false);
        assertThat(count(org.devContext())).isEqualTo(2);

        try (KafkaProbe events = new KafkaProbe(Topics.PROMOTION_EVENTS)) {
            double before = meters.counter("tidings.promotions", "outcome", "completed").count();
            String second = promoteAll(org);
            JsonNode done = awaitStatus(org.devContext(), second, "completed");

            assertThat(done.get("kind").asString()).isEqualTo("promotion");
            assertThat(done.get("itemCount").asInt()).isEqualTo(2);
            assertThat(done.get("durationMs").asLong()).isNotNegative();
            assertThat(done.get("requestedBy").asString()).isEqualTo("api_key");
            JsonNode updated = item(done, workflow);
            assertThat(updated.get("changeType").asString()).isEqualTo("updated");
            assertThat(updated.get("previousRevision").asLong()).isEqualTo(1);
            assertThat(item(done, removed).get("changeType").asString()).isEqualTo("deleted");

            awaitProjected(org.prod(), workflow, removed);
            assertThat(live(org.prod(), workflow).get("name").asString()).isEqualTo("Invoice v2");
            assertThat(live(org.prod(), removed)).as("the delete reached production").isNull();
            for (UUID key : List.of(group, layout, feed, brand)) {
                assertThat(live(org.prod(), key)).as("promoted by the first saga: " + key).isNotNull();
            }
            assertThat(count(org.devContext())).isZero();
            assertThat(get("/v1/changes?promoted=true", org.devContext()).get("totalCount").asLong()).isEqualTo(8);
            assertThat(meters.counter("tidings.promotions", "outcome", "completed").count()).isEqualTo(before + 1);

            ConsumerRecord<String, String> event = events.await(r -> r.value().contains(second), Duration.ofSeconds(30));
            assertThat(event).as("tidings.promotion.events announced the end").isNotNull();
            assertThat(json.readTree(event.value()).get("status").asString()).isEqualTo("completed");
        }
    }

    @Test
    void applyingOneWorkflowBringsItsPendingDependenciesAndStrictModeNamesThem() {
        Org org = org();
        UUID group = UUID.randomUUID();
        UUID layout = UUID.randomUUID();
        UUID feed = UUID.randomUUID();
        UUID workflow = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.NOTIFICATION_GROUP, group, named("Billing"), false);
        edit(org, org.dev(), ContentTypes.LAYOUT, layout, named("Plain"), false);
        edit(org, org.dev(), ContentTypes.FEED, feed, named("Inbox"), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, workflowUsing("Invoice", group, layout, feed), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, other, named("Other"), false);
        String changeId = changesByKey(org.devContext()).get(workflow.toString()).get("_id").asString();

        JsonNode refused = problem(HttpMethod.POST, "/v1/changes/" + changeId + "/apply", org.devContext(),
                Map.of("strictDependencies", true), 409);
        assertThat(refused.get("detail").asString()).contains("Billing", "Plain", "Inbox");
        assertThat(refused.get("dependencies")).hasSize(3);

        JsonNode plan = call(HttpMethod.POST, "/v1/promotions", org.devContext(),
                Map.of("changeIds", List.of(changeId), "dryRun", true), 200).get("data");
        assertThat(plan.get("items")).hasSize(4);
        assertThat(plan.get("dependencies")).hasSize(3);
        assertThat(count(org.devContext())).as("a dry run changes nothing").isEqualTo(5);
        assertThat(get("/v1/promotions", org.devContext()).get("totalCount").asLong()).isZero();

        String id = call(HttpMethod.POST, "/v1/changes/" + changeId + "/apply", org.devContext(), null, 202)
                .get("data").get("_id").asString();
        JsonNode done = awaitStatus(org.devContext(), id, "completed");
        assertThat(done.get("items")).hasSize(4);
        JsonNode firstPage = get("/v1/promotions/" + id + "/items?page=0&limit=3", org.devContext());
        assertThat(firstPage.get("data")).hasSize(3);
        assertThat(firstPage.get("totalCount").asLong()).isEqualTo(4);
        assertThat(firstPage.get("hasMore").asBoolean()).isTrue();
        assertThat(get("/v1/promotions/" + id + "/items?page=1&limit=3", org.devContext()).get("data")).hasSize(1);
        assertThat(item(done, group).get("dependency").asBoolean()).isTrue();
        assertThat(item(done, workflow).get("dependency").asBoolean()).isFalse();
        awaitProjected(org.prod(), workflow, group, layout, feed);
        assertThat(live(org.prod(), other)).as("only the applied change and its dependencies move").isNull();
        assertThat(changesByKey(org.devContext())).containsOnlyKeys(other.toString());
    }

    @Test
    void aRejectedStepRevertsTheStepsThatAppliedAndProductionIsAsBefore() {
        Org org = org();
        UUID feed = UUID.randomUUID();
        UUID brand = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.WORKFLOW, kept, named("Kept"), false);
        awaitStatus(org.devContext(), promoteAll(org), "completed");
        awaitProjected(org.prod(), kept);
        JsonNode keptBefore = live(org.prod(), kept);

        edit(org, org.dev(), ContentTypes.FEED, feed, named("Inbox"), false);
        edit(org, org.dev(), ContentTypes.BRAND, brand, named("Brand"), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, kept, named("Kept v2"), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, UUID.randomUUID(), named("REJECT me"), false);
        double compensations = meters.counter("tidings.saga.compensations").count();

        String id = promoteAll(org);
        JsonNode failed = awaitStatus(org.devContext(), id, "failed");
        assertThat(failed.get("failureReason").asString()).contains("template refused step", "the test participant rejects");
        assertThat(meters.counter("tidings.saga.compensations").count()).isEqualTo(compensations + 1);
        awaitProjected(org.prod(), feed, brand, kept);
        assertThat(live(org.prod(), feed)).as("the feed applied by step 1 was reverted").isNull();
        assertThat(live(org.prod(), brand)).as("the brand applied by step 2 was reverted").isNull();
        assertThat(live(org.prod(), kept)).isEqualTo(keptBefore);
        assertThat(count(org.devContext())).as("the changes are still pending").isEqualTo(4);
        assertThat(failed.get("rollbackAllowed").asBoolean()).isFalse();
    }

    @Test
    void aParticipantThatNeverAnswersTimesOutAndASecondPromotionMeanwhileIsRefused() {
        Org org = org();
        UUID feed = UUID.randomUUID();
        UUID workflow = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.FEED, feed, named("Inbox"), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("Pinned"), false);
        InJvmParticipants.MUTED.add("template");

        String id = promoteAll(org);
        JsonNode busy = problem(HttpMethod.POST, "/v1/promotions", org.devContext(), Map.of("all", true), 409);
        assertThat(busy.get("promotionId").asString()).isEqualTo(id);
        // an edit after the call is not swept in: the saga carries the revision it pinned
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("Edited later"), false);

        await().atMost(30, TimeUnit.SECONDS).until(() -> "compensating".equals(
                get("/v1/promotions/" + id, org.devContext()).get("data").get("status").asString()));
        InJvmParticipants.MUTED.clear(); // the reverts are sent again until they are answered
        JsonNode failed = awaitStatus(org.devContext(), id, "failed");
        assertThat(failed.get("failureReason").asString()).contains("template did not answer step");
        awaitProjected(org.prod(), feed, workflow);
        assertThat(live(org.prod(), feed)).isNull();
        assertThat(live(org.prod(), workflow)).as("a step reverted before it arrived is refused, not applied").isNull();

        String again = promoteAll(org);
        JsonNode done = awaitStatus(org.devContext(), again, "completed");
        assertThat(item(done, workflow).get("name").asString()).isEqualTo("Edited later");
    }

    @Test
    void aDuplicatedCommandAndItsDuplicatedReplyApplyNothingTwice() {
        Org org = org();
        UUID workflow = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("Once"), false);
        String id = promoteAll(org);
        awaitStatus(org.devContext(), id, "completed");
        awaitProjected(org.prod(), workflow);
        assertThat(revisionsIn(org.prod(), workflow)).isEqualTo(1);

        try (SagaDriver driver = new SagaDriver("template")) {
            // the same (promotionId, step) again: the participant answers with its recorded reply
            driver.send(new ApplyChanges(UUID.fromString(id), 1, org.id(), org.prod(),
                    List.of(new PromotionItem(ContentTypes.WORKFLOW, workflow, 1, named("Twice?"), false))));
            driver.reply(UUID.fromString(id), "ChangesApplied", 2);
        }
        await().pollDelay(Duration.ofSeconds(1)).atMost(5, TimeUnit.SECONDS).until(() -> true);
        assertThat(revisionsIn(org.prod(), workflow)).isEqualTo(1);
        assertThat(live(org.prod(), workflow).get("name").asString()).isEqualTo("Once");
        JsonNode after = get("/v1/promotions/" + id, org.devContext()).get("data");
        assertThat(after.get("status").asString()).isEqualTo("completed");
        assertThat(after.get("stepsApplied").asInt()).isEqualTo(1);
    }

    @Test
    void aReplyThatArrivesWhileTheOrchestratorIsDownIsHandledWhenItIsBack() {
        Org org = org();
        UUID workflow = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("Later"), false);
        listeners.getListenerContainer("promotionSagaReplies").stop();
        String id = promoteAll(org);
        await().atMost(30, TimeUnit.SECONDS).until(() -> db.sql("SELECT count(*) AS n FROM promotion_steps WHERE promotion_id = :id")
                .bind("id", UUID.fromString(id)).map(row -> row.get("n", Long.class)).one().block() == 1);
        assertThat(get("/v1/promotions/" + id, org.devContext()).get("data").get("status").asString()).isEqualTo("running");
        listeners.getListenerContainer("promotionSagaReplies").start();
        awaitStatus(org.devContext(), id, "completed");
    }

    @Test
    void rollbackPutsBackThePreviousRevisionsUnlessALaterPromotionTouchedThem() {
        Org org = org();
        UUID workflow = UUID.randomUUID();
        UUID added = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("v1"), false);
        String first = promoteAll(org);
        awaitStatus(org.devContext(), first, "completed");
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("v2"), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, added, named("added"), false);
        String second = promoteAll(org);
        JsonNode secondDone = awaitStatus(org.devContext(), second, "completed");
        assertThat(secondDone.get("rollbackAllowed").asBoolean()).isTrue();

        JsonNode refused = problem(HttpMethod.POST, "/v1/promotions/" + first + "/rollback", org.devContext(), null, 409);
        assertThat(refused.get("detail").asString()).contains("workflow 'v1'", second);
        assertThat(refused.get("items")).hasSize(1);

        String rollback = call(HttpMethod.POST, "/v1/promotions/" + second + "/rollback", org.prodContext(), null, 202)
                .get("data").get("_id").asString();
        JsonNode done = awaitStatus(org.prodContext(), rollback, "completed");
        assertThat(done.get("kind").asString()).isEqualTo("rollback");
        assertThat(done.get("rollbackOf").asString()).isEqualTo(second);
        awaitProjected(org.prod(), workflow, added);
        assertThat(live(org.prod(), workflow).get("name").asString()).isEqualTo("v1");
        assertThat(live(org.prod(), added)).as("what the promotion created is gone again").isNull();
        problem(HttpMethod.POST, "/v1/promotions/" + second + "/rollback", org.devContext(), null, 409);
        assertThat(count(org.devContext())).as("the rolled-back changes are pending again").isEqualTo(2);
    }

    @Test
    void aCompletedPromotionIsNotPendingWhileTheProjectionCatchesUp() {
        Org org = org();
        UUID workflow = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("Once"), false);
        listeners.getListenerContainer("promotionProjection").stop();
        String id = promoteAll(org);
        awaitStatus(org.devContext(), id, "completed");

        assertThat(count(org.devContext())).as("the projection has not seen production's new revision yet").isZero();
        problem(HttpMethod.POST, "/v1/promotions", org.devContext(), Map.of("all", true), 409);

        listeners.getListenerContainer("promotionProjection").start();
        awaitProjected(org.prod(), workflow);
        assertThat(count(org.devContext())).isZero();
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("Twice"), false);
        assertThat(count(org.devContext())).as("a later edit is pending as usual").isEqualTo(1);
    }

    @Test
    void discardPutsTheSourceBackToTheTargetsContent() {
        Org org = org();
        UUID workflow = UUID.randomUUID();
        UUID draft = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("Live"), false);
        awaitStatus(org.devContext(), promoteAll(org), "completed");
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("Live, edited"), false);
        edit(org, org.dev(), ContentTypes.WORKFLOW, draft, named("Draft"), false);
        Map<String, JsonNode> changes = changesByKey(org.devContext());

        for (UUID key : List.of(workflow, draft)) {
            String id = call(HttpMethod.DELETE, "/v1/changes/" + changes.get(key.toString()).get("_id").asString(),
                    org.devContext(), null, 202).get("data").get("_id").asString();
            assertThat(awaitStatus(org.devContext(), id, "completed").get("kind").asString()).isEqualTo("discard");
        }
        awaitProjected(org.dev(), workflow, draft);
        assertThat(live(org.dev(), workflow).get("name").asString()).isEqualTo("Live");
        assertThat(live(org.dev(), draft)).as("an entity the target never had is deleted").isNull();
        assertThat(count(org.devContext())).isZero();
    }

    @Test
    void badPromotionRequestsAreRefusedWithAProblem() {
        Org org = org();
        UUID workflow = UUID.randomUUID();
        edit(org, org.dev(), ContentTypes.WORKFLOW, workflow, named("W"), false);
        EnvironmentContext dev = org.devContext();
        problem(HttpMethod.POST, "/v1/promotions", dev, Map.of(), 400);
        problem(HttpMethod.POST, "/v1/promotions", dev, Map.of("all", true, "changeIds", List.of(UUID.randomUUID().toString())), 400);
        problem(HttpMethod.POST, "/v1/promotions", dev, Map.of("changeIds", List.of()), 400);
        problem(HttpMethod.POST, "/v1/promotions", dev, Map.of("changeIds", List.of("not-a-uuid")), 400);
        problem(HttpMethod.POST, "/v1/promotions", dev, Map.of("all", true, "force", true), 400);
        problem(HttpMethod.POST, "/v1/promotions", dev, Map.of("all", "yes"), 400);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        problem(HttpMethod.POST, "/v1/promotions", dev, Map.of("changeIds", tooMany), 400);
        String unknown = UUID.randomUUID().toString();
        JsonNode notPending = problem(HttpMethod.POST, "/v1/changes/bulk/apply", dev, Map.of("changeIds", List.of(unknown)), 404);
        assertThat(notPending.get("changeIds").get(0).asString()).isEqualTo(unknown);
        problem(HttpMethod.POST, "/v1/changes/" + unknown + "/apply", dev, null, 404);
        problem(HttpMethod.POST, "/v1/changes/nope/apply", dev, null, 404);
        problem(HttpMethod.DELETE, "/v1/changes/" + unknown, dev, null, 404);
        problem(HttpMethod.GET, "/v1/promotions/" + unknown, dev, null, 404);
        problem(HttpMethod.POST, "/v1/promotions/" + unknown + "/rollback", dev, null, 404);
        assertThat(problem(HttpMethod.POST, "/v1/promotions", org.prodContext(), Map.of("all", true), 409)
                .get("detail").asString()).contains("end of its chain");
        problem(HttpMethod.DELETE, "/v1/changes/" + unknown, org.prodContext(), null, 403);

        String id = promoteAll(org);
        awaitStatus(dev, id, "completed");
        problem(HttpMethod.POST, "/v1/promotions", dev, Map.of("all", true), 409);
        Org stranger = org();
        problem(HttpMethod.GET, "/v1/promotions/" + id, stranger.devContext(), null, 404);
        problem(HttpMethod.GET, "/v1/promotions/" + id + "/items", stranger.devContext(), null, 404);
        problem(HttpMethod.GET, "/v1/promotions/" + id + "/items?limit=1000", dev, null, 400);
        problem(HttpMethod.POST, "/v1/promotions/" + id + "/rollback", stranger.prodContext(), null, 404);
        assertThat(get("/v1/promotions", stranger.devContext()).get("totalCount").asLong()).isZero();
    }

    private static JsonNode item(JsonNode promotion, UUID key) {
        for (JsonNode item : promotion.get("items")) {
            if (item.get("key").asString().equals(key.toString())) {
                return item;
            }
        }
        throw new AssertionError("no item " + key + " in " + promotion);
    }
}
