package io.tidings.e2e;

import io.tidings.platform.messaging.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.tidings.e2e.Delivery.assertProblem;
import static io.tidings.e2e.Promote.pollEvery200ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 faults, with the real processes: a participant that refuses, a command and a reply
 * delivered twice, the orchestrator and a participant killed with SIGKILL mid-saga, two promote-all
 * calls at once, and a rollback after a later promotion. Each ends with production fully promoted
 * or exactly as before, and nothing applied twice.
 */
class PromotionFaultsE2EIT {

    static TidingsSystem system;
    static Api gateway;
    static Promote promote;

    @BeforeAll
    static void start() {
        system = TidingsSystem.get();
        gateway = new Api(system.gatewayUrl());
        promote = new Promote(gateway);
    }

    @AfterAll
    static void everyServiceIsUpAgain() {
        for (String service : List.of("promotion-service", "template-service")) {
            if (!system.service(service).isAlive()) {
                system.restart(service);
            }
        }
    }

    @Test
    void aStepTheTemplateServiceRefusesIsCompensatedAndProductionStaysExactlyAsBefore() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Refusal Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String orders = development.group("Orders");
        development.brandColor("#111111");
        String brand = development.brand().get("_id").asString();
        promote.all(dev, orders, brand);

        // a new group under the name production's "Orders" still has: production cannot hold both
        development.deleteGroup(orders);
        String ordersAgain = development.group("Orders");
        String inbox = development.feed("Inbox");
        development.brandColor("#333333");
        Map<String, JsonNode> changes = promote.awaitChanges(dev, List.of(orders, ordersAgain, inbox, brand));
        Map<String, String> touched = Map.of(orders, "notification_group", ordersAgain, "notification_group",
                inbox, "feed", brand, "brand");
        Map<String, JsonNode> before = production.snapshot(touched);
        Map<String, Long> revisionsBefore = revisions(acme.production().id(), touched);

        JsonNode failed = promote.awaitFinished(dev, Promote.accepted(promote.selected(dev, List.of(
                id(changes.get(inbox)), id(changes.get(brand)), id(changes.get(ordersAgain))))));

        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("stepsTotal").asInt()).as("feed, brand, then the group").isEqualTo(3);
        assertThat(failed.get("stepsApplied").asInt()).as("the feed and brand steps were reverted").isZero();
        assertThat(failed.get("failureReason").asString()).contains("template", "step 3", ordersAgain,
                "another notification group named 'Orders'");
        assertThat(failed.get("rollbackAllowed").asBoolean()).isFalse();
        assertThat(production.snapshot(touched)).isEqualTo(before);
        assertThat(production.brand().get("color").asString()).isEqualTo("#111111");
        assertThat(production.feedOrNull(inbox)).isNull();
        // the feed and the brand were applied once and reverted once; the group never
        Map<String, Long> revisionsAfter = revisions(acme.production().id(), touched);
        assertThat(revisionsAfter.get(inbox)).isEqualTo(revisionsBefore.get(inbox) + 2);
        assertThat(revisionsAfter.get(brand)).isEqualTo(revisionsBefore.get(brand) + 2);
        assertThat(revisionsAfter.get(ordersAgain)).isEqualTo(revisionsBefore.get(ordersAgain));
        assertThat(promote.pending(dev)).as("every change is still pending").hasSize(4);
    }

    @Test
    void aCommandAndAReplyDeliveredTwiceApplyNothingTwice() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Duplicate Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String workflow = development.workflow(Content.workflowBody("Order shipped", null, null, null, "v1"));
        String first = promote.all(dev, workflow).get("_id").asString();
        development.editWorkflow(workflow, Content.workflowBody("Order shipped", null, null, null, "v2"));
        promote.awaitChange(dev, workflow, "updated");
        JsonNode second = promote.all(dev, workflow);
        long revisions = Revisions.count("workflow", acme.production().id(), workflow);
        String commands = Topics.promotionCommands("template");

        try (SagaMessages kafka = new SagaMessages()) {
            // the first promotion's command to template-service, and its reply, once more each
            List<ConsumerRecord<String, String>> applies = kafka.records(commands, first, "ApplyChanges");
            assertThat(applies).as("one command per step").hasSize(1);
            List<ConsumerRecord<String, String>> replies = kafka.records(Topics.PROMOTION_REPLIES, first, "ChangesApplied");
            List<ConsumerRecord<String, String>> templateReplies = replies.stream()
                    .filter(r -> "template".equals(SagaMessages.value(r, "service"))).toList();
            assertThat(templateReplies).hasSize(1);
            kafka.redeliver(applies.get(0));
            kafka.redeliver(templateReplies.get(0));
            kafka.awaitConsumed("template-promotion", commands, Promote.SAGA);
            kafka.awaitConsumed("promotion-service.saga", Topics.PROMOTION_REPLIES, Promote.SAGA);

            // the participant answered the duplicate with its recorded reply, and applied nothing
            List<ConsumerRecord<String, String>> answered = pollEvery200ms(
                    () -> kafka.records(Topics.PROMOTION_REPLIES, first, "ChangesApplied").stream()
                            .filter(r -> "template".equals(SagaMessages.value(r, "service"))).toList(),
                    list -> list.size() >= 3, Promote.SAGA, "the recorded reply sent again");
            assertThat(answered).hasSize(3);
            assertThat(answered.get(2).value()).isEqualTo(templateReplies.get(0).value());
            kafka.awaitConsumed("promotion-service.saga", Topics.PROMOTION_REPLIES, Promote.SAGA);
            assertThat(Revisions.count("workflow", acme.production().id(), workflow)).isEqualTo(revisions);
            assertThat(production.workflowOrNull(workflow).get("steps").get(0).get("template").get("content").asString())
                    .as("the old command did not bring version 1 back").contains("(v2)");
            // the orchestrator took the replies of a finished saga as the duplicates they are
            assertThat(kafka.records(commands, first, "ApplyChanges")).as("no step was sent again").hasSize(2);
            assertThat(kafka.records(commands, first, "RevertChanges")).isEmpty();
        }
        JsonNode firstNow = promote.promotion(dev, first);
        assertThat(firstNow.get("status").asString()).isEqualTo("completed");
        assertThat(firstNow.get("stepsApplied").asInt()).isEqualTo(firstNow.get("stepsTotal").asInt());
        assertThat(promote.promotion(dev, second.get("_id").asString()).get("status").asString()).isEqualTo("completed");
        assertThat(gateway.get("/v1/promotions", dev).body().get("totalCount").asLong()).isEqualTo(2);
        assertThat(promote.pending(dev)).isEmpty();
    }

    @Test
    void theOrchestratorKilledMidSagaResumesAfterARestartAndCompletes() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Orchestrator crash Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String inbox = development.feed("Inbox");
        development.brandColor("#123456");
        String workflow = development.workflow(Content.workflowBody("Order shipped", null, inbox, null, "v1"));
        String brand = development.brand().get("_id").asString();
        promote.awaitChanges(dev, List.of(inbox, brand, workflow));

        // template-service is down, so the saga cannot finish before the orchestrator dies
        system.kill("template-service");
        String promotion = Promote.accepted(promote.all(dev));
        system.kill("promotion-service");
        system.restart("template-service", "promotion-service");

        JsonNode done = promote.awaitFinished(dev, promotion);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("stepsApplied").asInt()).isEqualTo(done.get("stepsTotal").asInt());
        assertThat(production.workflowOrNull(workflow).get("steps").get(0).get("template").get("feedId").asString())
                .isEqualTo(inbox);
        assertThat(production.feedOrNull(inbox)).isNotNull();
        assertThat(production.brand().get("color").asString()).isEqualTo("#123456");
        String prod = acme.production().id();
        assertThat(Revisions.count("workflow", prod, workflow)).as("applied once").isEqualTo(1);
        assertThat(Revisions.count("feed", prod, inbox)).as("applied once").isEqualTo(1);
        assertThat(Revisions.count("brand", prod, brand)).as("applied once").isEqualTo(1);
        promote.awaitNoChanges(dev);
    }

    /**
     * An organization whose production holds a promoted feed, brand and workflow (v1), and whose
     * development then has three pending edits: a new feed, another brand colour, and the workflow
     * (v2) moved to the new feed.
     */
    record EditsOnPromotedContent(DemoOrganization acme, String dev, Content development, Content production,
                                  String workflow, String brand, String alerts) {
    }

    static EditsOnPromotedContent editsOnPromotedContent(String organization, String newColor) {
        DemoOrganization acme = DemoOrganization.create(gateway, organization);
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String inbox = development.feed("Inbox");
        development.brandColor("#111111");
        String workflow = development.workflow(Content.workflowBody("Order shipped", null, inbox, null, "v1"));
        String brand = development.brand().get("_id").asString();
        promote.all(dev, inbox, brand, workflow);

        String alerts = development.feed("Alerts");
        development.brandColor(newColor);
        development.editWorkflow(workflow, Content.workflowBody("Order shipped", null, alerts, null, "v2"));
        return new EditsOnPromotedContent(acme, dev, development, production, workflow, brand, alerts);
    }

    @Test
    void aParticipantKilledWhileApplyingLeavesProductionFullyPromotedOrExactlyAsBefore() {
        EditsOnPromotedContent edits = editsOnPromotedContent("Participant crash Acme", "#444444");
        DemoOrganization acme = edits.acme();
        String dev = edits.dev();
        Content development = edits.development();
        Content production = edits.production();
        String workflow = edits.workflow();
        String brand = edits.brand();
        String alerts = edits.alerts();
        Map<String, String> more = new LinkedHashMap<>();
        for (int i = 1; i <= 10; i++) {
            more.put(development.workflow(Map.of("name", "Reminder " + i)), "workflow");
        }
        promote.awaitChanges(dev, List.of(alerts, brand, workflow));
        promote.awaitChanges(dev, List.copyOf(more.keySet()));
        Map<String, String> touched = new LinkedHashMap<>(Map.of(alerts, "feed", brand, "brand", workflow, "workflow"));
        touched.putAll(more);
        Map<String, JsonNode> before = production.snapshot(touched);
        Map<String, JsonNode> promoted = development.snapshot(touched);
        Map<String, Long> revisionsBefore = revisions(acme.production().id(), touched);

        String promotion = Promote.accepted(promote.all(dev));
        // the feed and brand steps are applied: the template step is on its way or being applied
        pollEvery200ms(() -> promote.promotion(dev, promotion), p -> p.get("stepsApplied").asInt() >= 2
                || !p.get("status").asString().equals("running"), Promote.SAGA, "the template step to be sent");
        system.kill("template-service");
        system.restart("template-service");
        JsonNode done = promote.awaitFinished(dev, promotion);

        Map<String, JsonNode> after = production.snapshot(touched);
        Map<String, Long> revisionsAfter = revisions(acme.production().id(), touched);
        if (done.get("status").asString().equals("completed")) {
            for (Map.Entry<String, JsonNode> entity : promoted.entrySet()) {
                assertThat(withoutEnvironment(after.get(entity.getKey()))).as(entity.getKey())
                        .isEqualTo(withoutEnvironment(entity.getValue()));
            }
            touched.keySet().forEach(id -> assertThat(revisionsAfter.get(id)).as("applied once: " + id)
                    .isEqualTo(revisionsBefore.get(id) + 1));
        } else {
            assertThat(done.get("failureReason").asString()).as(done.toString()).contains("template");
            assertThat(after).isEqualTo(before);
            assertThat(done.get("stepsApplied").asInt()).isZero();
        }
    }

    @Test
    void aParticipantDownPastTheStepTimeoutIsCompensatedAndItsLateApplyUndone() {
        EditsOnPromotedContent edits = editsOnPromotedContent("Participant down Acme", "#666666");
        DemoOrganization acme = edits.acme();
        String dev = edits.dev();
        Content development = edits.development();
        Content production = edits.production();
        String workflow = edits.workflow();
        String brand = edits.brand();
        String alerts = edits.alerts();
        promote.awaitChanges(dev, List.of(alerts, brand, workflow));
        Map<String, String> others = Map.of(alerts, "feed", brand, "brand");
        Map<String, String> touched = new LinkedHashMap<>(others);
        touched.put(workflow, "workflow");
        Map<String, JsonNode> before = production.snapshot(touched);
        Map<String, JsonNode> othersBefore = production.snapshot(others);
        long workflowRevisions = Revisions.count("workflow", acme.production().id(), workflow);

        system.kill("template-service");
        String promotion = Promote.accepted(promote.all(dev));
        JsonNode compensating = pollEvery200ms(() -> promote.promotion(dev, promotion),
                p -> !p.get("status").asString().equals("running"), Promote.SAGA, "the step timeout to pass");
        assertThat(compensating.get("status").asString()).as(compensating.toString()).isEqualTo("compensating");
        assertThat(compensating.get("failureReason").asString()).contains("template did not answer step 3 within "
                + TidingsSystem.PROMOTION_STEP_TIMEOUT.toSeconds() + "s");
        // the steps that applied are reverted without waiting for the participant that is down
        pollEvery200ms(() -> production.snapshot(others), othersBefore::equals, Promote.SAGA,
                "the feed and the brand back as they were");

        // back up, template-service takes the command it missed, then its revert: nothing of it stays
        system.restart("template-service");
        JsonNode failed = promote.awaitFinished(dev, promotion);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(production.snapshot(touched)).isEqualTo(before);
        assertThat(Revisions.count("workflow", acme.production().id(), workflow)).as("the late apply, then its revert")
                .isEqualTo(workflowRevisions + 2);
        assertThat(promote.pending(dev)).hasSize(3);
    }

    @Test
    void ofTwoPromoteAllCallsAtOnceExactlyOneStartsAndTheOtherNamesIt() throws Exception {
        DemoOrganization acme = DemoOrganization.create(gateway, "Concurrent Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        String workflow = development.workflow(Map.of("name", "Order shipped"));
        promote.awaitChanges(dev, List.of(workflow));

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> calls = List.of(
                CompletableFuture.supplyAsync(() -> awaitThen(go, () -> promote.all(dev))),
                CompletableFuture.supplyAsync(() -> awaitThen(go, () -> promote.all(dev))));
        go.countDown();
        List<Api.Response> answers = calls.stream().map(CompletableFuture::join).toList();

        List<Api.Response> started = answers.stream().filter(a -> a.status() == 202).toList();
        List<Api.Response> refused = answers.stream().filter(a -> a.status() != 202).toList();
        assertThat(started).as(answers.toString()).hasSize(1);
        assertProblem(refused.get(0), 409);
        String running = started.get(0).data().get("_id").asString();
        assertThat(refused.get(0).body().get("promotionId").asString()).isEqualTo(running);
        promote.awaitCompleted(dev, running);
        assertThat(Revisions.count("workflow", acme.production().id(), workflow)).as("applied once").isEqualTo(1);
        assertThat(gateway.get("/v1/promotions", dev).body().get("totalCount").asLong()).isEqualTo(1);
    }

    @Test
    void aRollbackIsRefusedOnceALaterPromotionChangedItsItemsButAFailedOneDoesNotCount() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Rollback Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String orders = development.group("Orders");
        development.brandColor("#111111");
        String brand = development.brand().get("_id").asString();
        String first = promote.all(dev, orders, brand).get("_id").asString();

        // a later promotion of the brand that fails (template-service refuses the clashing group)
        development.deleteGroup(orders);
        String ordersAgain = development.group("Orders");
        development.brandColor("#555555");
        Map<String, JsonNode> changes = promote.awaitChanges(dev, List.of(brand, ordersAgain));
        JsonNode failed = promote.awaitFinished(dev, Promote.accepted(promote.selected(dev,
                List.of(id(changes.get(brand)), id(changes.get(ordersAgain))))));
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(promote.promotion(dev, first).get("rollbackAllowed").asBoolean()).as("a failed promotion changed nothing")
                .isTrue();

        // a later promotion of the brand that completes
        JsonNode later = promote.awaitCompleted(dev, Promote.accepted(promote.selected(dev, List.of(id(changes.get(brand))))));
        long revisions = Revisions.count("brand", acme.production().id(), brand);
        Api.Response refused = gateway.withKey("POST", "/v1/promotions/" + first + "/rollback", dev, null);
        assertProblem(refused, 409);
        assertThat(refused.body().get("items")).hasSize(1);
        assertThat(refused.body().get("items").get(0).asString()).contains("brand", later.get("_id").asString());
        assertThat(promote.promotion(dev, first).get("rollbackAllowed").asBoolean()).isFalse();
        assertThat(production.brand().get("color").asString()).isEqualTo("#555555");
        assertThat(Revisions.count("brand", acme.production().id(), brand)).as("the refusal wrote nothing").isEqualTo(revisions);

        JsonNode rolledBack = promote.awaitCompleted(dev, Promote.accepted(
                gateway.withKey("POST", "/v1/promotions/" + later.get("_id").asString() + "/rollback", dev, null)));
        assertThat(rolledBack.get("rollbackOf").asString()).isEqualTo(later.get("_id").asString());
        assertThat(production.brand().get("color").asString()).isEqualTo("#111111");
    }

    private static Api.Response awaitThen(CountDownLatch go, java.util.function.Supplier<Api.Response> call) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return call.get();
    }

    private static String id(JsonNode change) {
        return change.get("_id").asString();
    }

    private static Map<String, Long> revisions(String environmentId, Map<String, String> entities) {
        Map<String, Long> counts = new LinkedHashMap<>();
        entities.forEach((id, type) -> counts.put(id, Revisions.count(type, environmentId, id)));
        return counts;
    }

    /** An entity as development and production serve it: the same but for the environment it is in. */
    private static JsonNode withoutEnvironment(JsonNode entity) {
        return Content.without(entity, "_environmentId", "createdAt");
    }
}
