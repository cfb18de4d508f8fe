package io.tidings.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tidings.e2e.Delivery.AFTER_COMMIT;
import static io.tidings.e2e.Delivery.assertProblem;
import static io.tidings.e2e.Delivery.items;
import static io.tidings.e2e.Delivery.trigger;
import static io.tidings.e2e.Promote.item;
import static io.tidings.e2e.Promote.pollEvery200ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 end to end: pending changes, diffs, promote all, one change with its dependency, deletes,
 * a development -> staging -> production chain, history and rollback, and discard, with every
 * service a real process and every call through the gateway.
 */
class PromotionE2EIT {

    static Api gateway;
    static Promote promote;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        gateway = new Api(TidingsSystem.get().gatewayUrl());
        promote = new Promote(gateway);
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void promotingAllCarriesEveryEditToProductionAndATriggerThereDeliversThePromotedContent() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Promote-all Acme");
        String dev = acme.development().secret();
        String prod = acme.production().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, prod);

        // what production runs today: a first promotion of version 1
        String group = development.group("Orders");
        String layout = development.layout("Plain", "<main>{{{body}}} (layout v1)</main>");
        String inbox = development.feed("Inbox");
        development.brandColor("#111111");
        String workflow = development.workflow(Content.workflowBody("Order shipped", group, inbox, layout, "v1"));
        String brand = development.brand().get("_id").asString();
        promote.all(dev, group, layout, inbox, brand, workflow);
        String identifier = production.workflowOrNull(workflow).get("triggers").get(0).get("identifier").asString();

        // version 2 of each, in development only
        development.renameGroup(group, "Orders and returns");
        development.editLayout(layout, "<main style=\"color: {{brand.color}}\">{{{body}}} (layout v2)</main>");
        String alerts = development.feed("Alerts");
        development.brandColor("#222222");
        development.editWorkflow(workflow, Content.workflowBody("Order shipped", group, alerts, layout, "v2"));

        Map<String, JsonNode> changes = promote.awaitChanges(dev, List.of(workflow, group, layout, alerts, brand));
        assertThat(changes).as("only what was edited since the first promotion").hasSize(5);
        assertChange(changes.get(workflow), "workflow", "Order shipped", "updated");
        assertChange(changes.get(group), "notification_group", "Orders and returns", "updated");
        assertChange(changes.get(layout), "layout", "Plain", "updated");
        assertChange(changes.get(alerts), "feed", "Alerts", "created");
        assertChange(changes.get(brand), "brand", "Brand", "updated");
        assertThat(gateway.get("/v1/changes/count", dev).data().asLong()).isEqualTo(5);

        // each diff is an RFC 6902 patch that turns production's document into development's
        for (JsonNode change : changes.values()) {
            JsonNode diff = diff(dev, change.get("_id").asString());
            assertThat(diff.get("type").asString()).isEqualTo(change.get("type").asString());
            assertThat(JsonPatch.apply(diff.get("target"), diff.get("patch"))).as(diff.toString()).isEqualTo(diff.get("source"));
        }
        JsonNode layoutDiff = diff(dev, changes.get(layout).get("_id").asString());
        assertThat(layoutDiff.get("patch")).as(layoutDiff.toString()).anySatisfy(op -> {
            assertThat(op.get("op").asString()).isEqualTo("replace");
            assertThat(op.get("path").asString()).isEqualTo("/content");
            assertThat(op.get("value").asString()).contains("(layout v2)");
        });
        JsonNode brandDiff = diff(dev, changes.get(brand).get("_id").asString());
        assertThat(brandDiff.get("patch").toString()).contains("\"/color\"", "#222222").doesNotContain("fontFamily");
        JsonNode feedDiff = diff(dev, changes.get(alerts).get("_id").asString());
        assertThat(feedDiff.get("target").isNull()).isTrue();
        assertThat(feedDiff.get("patch").get(0).get("op").asString()).isEqualTo("add");
        JsonNode workflowDiff = diff(dev, changes.get(workflow).get("_id").asString());
        assertThat(workflowDiff.get("patch").toString()).contains("(v2)", alerts).doesNotContain("\"/name\"");

        JsonNode done = promote.awaitCompleted(dev, promote.startAll(dev));
        assertThat(done.get("kind").asString()).isEqualTo("promotion");
        assertThat(done.get("itemCount").asInt()).isEqualTo(5);
        assertThat(done.get("stepsApplied").asInt()).isEqualTo(done.get("stepsTotal").asInt());
        assertThat(done.get("targetEnvironmentId").asString()).isEqualTo(acme.production().id());
        assertThat(done.get("failureReason").isNull()).isTrue();

        // production serves version 2 of everything
        JsonNode served = production.workflowOrNull(workflow);
        assertThat(served.get("steps").get(0).get("template").get("content").asString()).contains("(v2)");
        assertThat(served.get("steps").get(0).get("template").get("feedId").asString()).isEqualTo(alerts);
        assertThat(served.get("_environmentId").asString()).isEqualTo(acme.production().id());
        assertThat(production.groupOrNull(group).get("name").asString()).isEqualTo("Orders and returns");
        assertThat(production.layoutOrNull(layout).get("content").asString()).contains("(layout v2)");
        assertThat(production.feedOrNull(alerts).get("name").asString()).isEqualTo("Alerts");
        assertThat(production.feedOrNull(inbox)).as("promoted before, untouched since").isNotNull();
        assertThat(production.brand().get("color").asString()).isEqualTo("#222222");
        promote.awaitNoChanges(dev);
        assertThat(gateway.get("/v1/changes/count", dev).data().asLong()).isZero();

        // a trigger with the production key delivers the promoted template, feed, layout and brand
        Api.Response hook = gateway.withKey("POST", "/v1/integrations", prod, Map.of("providerId", "webhook",
                "channel", "email", "credentials", Map.of("url", receiver.url()), "active", true, "name", "Mail hook"));
        assertThat(hook.status()).as(hook.raw()).isEqualTo(201);
        Delivered delivered = pollEvery200ms(() -> deliver(prod, identifier),
                d -> d.inApp() != null && d.inApp().get("content").asString().contains("(v2)") && d.email() != null
                        && d.email().get("content").asString().contains("(layout v2)")
                        && d.email().get("content").asString().contains("#222222"),
                Delivery.READ_MODEL.plus(AFTER_COMMIT), "a production trigger to deliver version 2");
        assertThat(delivered.inApp().get("content").asString()).isEqualTo("Order A-1 shipped (v2)");
        assertThat(delivered.inApp().get("_feedId").asString()).isEqualTo(alerts);
        assertThat(delivered.email().get("subject").asString()).isEqualTo("Shipped v2");
        assertThat(delivered.email().get("content").asString()).contains("Mail for A-1 (v2)").doesNotContain("(layout v1)");
    }

    private record Delivered(JsonNode inApp, JsonNode email) {
    }

    private int triggers;

    /** One trigger in production; what its in-app message and its email webhook carried. */
    private Delivered deliver(String prod, String identifier) {
        String transactionId = "tx-promoted-" + (++triggers);
        Api.Response ack = gateway.withKey("POST", "/v1/events/trigger", prod,
                trigger(identifier, Map.of("subscriberId", "pia", "firstName", "Pia"), Map.of("orderId", "A-1"), transactionId));
        if (ack.status() == 404) {
            return new Delivered(null, null); // not in the read model yet; a refused trigger stores nothing
        }
        assertThat(ack.status()).as(ack.raw()).isEqualTo(201);
        List<WebhookReceiver.Received> hooks = Delivery.eventually(() -> receiver.forTransaction(transactionId),
                list -> !list.isEmpty(), AFTER_COMMIT, "the email webhook of " + transactionId);
        JsonNode inApp = items(gateway.get("/v1/subscribers/pia/notifications/feed", prod)).stream()
                .filter(m -> transactionId.equals(m.get("transactionId").asString())).findFirst().orElse(null);
        return new Delivered(inApp, hooks.get(0).body());
    }

    @Test
    void applyingOneWorkflowMovesItAndItsNewGroupAndLeavesTheOtherWorkflowPending() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Apply-one Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String billing = development.group("Billing");
        String invoice = development.workflow(Content.workflowBody("Invoice sent", billing, null, null, "v1"));
        String other = development.workflow(Map.of("name", "Password reset"));
        Map<String, JsonNode> changes = promote.awaitChanges(dev, List.of(billing, invoice, other));

        Api.Response started = gateway.withKey("POST", "/v1/changes/" + changes.get(invoice).get("_id").asString() + "/apply", dev, null);
        JsonNode done = promote.awaitCompleted(dev, Promote.accepted(started));

        assertThat(done.get("itemCount").asInt()).isEqualTo(2);
        assertThat(item(done, invoice).get("dependency").asBoolean()).isFalse();
        assertThat(item(done, billing).get("dependency").asBoolean()).as("the new group came along as a dependency").isTrue();
        assertThat(production.workflowOrNull(invoice)).isNotNull();
        assertThat(production.groupOrNull(billing).get("name").asString()).isEqualTo("Billing");
        assertThat(production.workflowOrNull(other)).as("not asked for, not moved").isNull();
        List<JsonNode> left = pollEvery200ms(() -> promote.pending(dev), list -> !keys(list).contains(invoice), Promote.PROJECTION,
                "the applied workflow to leave the changes list");
        assertThat(keys(left)).contains(other).doesNotContain(invoice, billing);

        // rolling it back takes out what it created, the dependency too, and both are pending again
        Api.Response rollback = gateway.withKey("POST", "/v1/promotions/" + done.get("_id").asString() + "/rollback", dev, null);
        promote.awaitCompleted(dev, Promote.accepted(rollback));
        assertThat(production.workflowOrNull(invoice)).isNull();
        assertThat(production.groupOrNull(billing)).isNull();
        promote.awaitChanges(dev, List.of(invoice, billing, other));
    }

    @Test
    void aWorkflowDeletedInDevelopmentIsGoneFromProductionAfterThePromotion() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Delete Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String workflow = development.workflow(Map.of("name", "Weekly digest"));
        promote.all(dev, workflow);
        assertThat(production.workflowOrNull(workflow)).isNotNull();

        development.deleteWorkflow(workflow);
        JsonNode change = promote.awaitChange(dev, workflow, "deleted");
        assertThat(change.get("name").asString()).isEqualTo("Weekly digest");
        JsonNode done = promote.all(dev, workflow);

        assertThat(item(done, workflow).get("changeType").asString()).isEqualTo("deleted");
        assertProblem(gateway.get("/v1/notification-templates/" + workflow, acme.production().secret()), 404);
        assertThat(gateway.get("/v1/notification-templates", acme.production().secret()).data()).isEmpty();
    }

    @Test
    void aChangeReachesProductionOnlyAfterTheSecondHopThroughStaging() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Chain Acme");
        String dev = acme.development().secret();
        String prod = acme.production().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, prod);
        String baseline = development.group("Baseline");
        promote.all(dev, baseline);

        Api.Response created = gateway.withKey("POST", "/v1/environments", dev,
                Map.of("name", "Staging", "parentId", acme.development().id()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String stagingId = created.data().get("_id").asString();
        String staging = created.data().get("apiKey").asString();
        Content stage = new Content(gateway, staging);
        // staging starts empty: what production has is pending again, now towards staging
        promote.awaitChange(dev, baseline, "created");

        String workflow = development.workflow(Map.of("name", "Trial ending"));
        JsonNode first = promote.all(dev, workflow);
        assertThat(first.get("targetEnvironmentId").asString()).isEqualTo(stagingId);
        assertThat(stage.workflowOrNull(workflow)).isNotNull();
        assertThat(stage.groupOrNull(baseline)).isNotNull();
        assertThat(production.workflowOrNull(workflow)).as("not before the second hop").isNull();

        JsonNode pendingInStaging = promote.awaitChange(staging, workflow, "created");
        assertThat(promote.pending(staging)).as("production has the group already").hasSize(1);
        assertThat(pendingInStaging.get("name").asString()).isEqualTo("Trial ending");
        assertProblem(gateway.withKey("PUT", "/v1/notification-templates/" + workflow, staging, Map.of("name", "x")), 403);

        JsonNode second = promote.all(staging, workflow);
        assertThat(second.get("sourceEnvironmentId").asString()).isEqualTo(stagingId);
        assertThat(second.get("targetEnvironmentId").asString()).isEqualTo(acme.production().id());
        assertThat(production.workflowOrNull(workflow).get("name").asString()).isEqualTo("Trial ending");
        assertThat(promote.pending(dev)).isEmpty();
    }

    @Test
    void theHistoryListsEachPromotionAndARollbackRestoresProductionUnlessALaterOneTouchedItsItems() {
        DemoOrganization acme = DemoOrganization.create(gateway, "History Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String workflow = development.workflow(Content.workflowBody("Order shipped", null, null, null, "v1"));
        JsonNode first = promote.all(dev, workflow);
        JsonNode v1 = production.workflowOrNull(workflow);
        development.editWorkflow(workflow, Content.workflowBody("Order shipped", null, null, null, "v2"));
        promote.awaitChange(dev, workflow, "updated");
        JsonNode second = promote.all(dev, workflow);
        String firstId = first.get("_id").asString();
        String secondId = second.get("_id").asString();

        Api.Response history = gateway.get("/v1/promotions?page=0&limit=10", dev);
        List<JsonNode> listed = items(history);
        assertThat(Delivery.values(listed, "_id")).containsExactly(secondId, firstId);
        assertThat(history.body().get("totalCount").asLong()).isEqualTo(2);
        // the first one also carried the General group the workflow is in
        assertThat(listed.get(1).get("itemCount").asInt()).isEqualTo(2);
        assertThat(listed.get(0).get("itemCount").asInt()).isEqualTo(1);
        for (JsonNode promotion : listed) {
            assertThat(promotion.get("status").asString()).isEqualTo("completed");
            assertThat(promotion.get("durationMs").asLong()).isNotNegative();
            assertThat(promotion.get("requestedBy").asString()).isEqualTo("api_key");
            assertThat(promotion.has("items")).as("a page leaves the items out").isFalse();
        }
        assertThat(items(gateway.get("/v1/promotions", acme.production().secret()))).as("production sees what it received")
                .hasSize(2);
        JsonNode updated = item(promote.promotion(dev, secondId), workflow);
        assertThat(updated.get("changeType").asString()).isEqualTo("updated");
        assertThat(updated.get("previousRevision").asLong()).isEqualTo(item(first, workflow).get("sourceRevision").asLong());
        assertThat(item(first, workflow).get("previousRevision").isNull()).as("production had nothing before").isTrue();

        Api.Response refused = gateway.withKey("POST", "/v1/promotions/" + firstId + "/rollback", dev, null);
        assertProblem(refused, 409);
        assertThat(refused.body().get("items").toString()).contains("Order shipped", secondId);
        assertThat(production.workflowOrNull(workflow).get("steps").get(0).get("template").get("content").asString())
                .contains("(v2)");

        Api.Response rollback = gateway.withKey("POST", "/v1/promotions/" + secondId + "/rollback", dev, null);
        JsonNode rolledBack = promote.awaitCompleted(dev, Promote.accepted(rollback));
        assertThat(rolledBack.get("kind").asString()).isEqualTo("rollback");
        assertThat(rolledBack.get("rollbackOf").asString()).isEqualTo(secondId);
        JsonNode restored = pollEvery200ms(() -> production.workflowOrNull(workflow),
                w -> w.get("steps").get(0).get("template").get("content").asString().contains("(v1)"), Promote.PROJECTION,
                "production back on version 1");
        assertThat(Content.withoutWriteTime(restored)).isEqualTo(Content.withoutWriteTime(v1));
        // development still holds version 2, so it is pending again
        promote.awaitChange(dev, workflow, "updated");
        assertThat(promote.promotion(dev, secondId).get("rollbackAllowed").asBoolean()).isFalse();
    }

    @Test
    void discardingAChangePutsDevelopmentBackOnProductionsContent() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Discard Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String workflow = development.workflow(Content.workflowBody("Order shipped", null, null, null, "v1"));
        promote.all(dev, workflow);
        development.editWorkflow(workflow, Content.workflowBody("Order shipped, edited", null, null, null, "v2"));
        String draft = development.workflow(Map.of("name", "Never promoted"));
        Map<String, JsonNode> changes = promote.awaitChanges(dev, List.of(workflow, draft));

        Api.Response discarded = gateway.withKey("DELETE", "/v1/changes/" + changes.get(workflow).get("_id").asString(), dev, null);
        JsonNode done = promote.awaitCompleted(dev, Promote.accepted(discarded));
        assertThat(done.get("kind").asString()).isEqualTo("discard");
        JsonNode back = development.workflowOrNull(workflow);
        assertThat(back.get("name").asString()).isEqualTo("Order shipped");
        assertThat(back.get("steps").get(0).get("template").get("content").asString()).contains("(v1)");
        assertThat(back.get("steps")).isEqualTo(production.workflowOrNull(workflow).get("steps"));

        Api.Response dropped = gateway.withKey("DELETE", "/v1/changes/" + changes.get(draft).get("_id").asString(), dev, null);
        promote.awaitCompleted(dev, Promote.accepted(dropped));
        assertThat(development.workflowOrNull(draft)).as("production never had it, so development loses it").isNull();
        promote.awaitNoChanges(dev);
        assertThat(production.workflowOrNull(draft)).isNull();

        // a delete in development is discarded by bringing production's content back
        development.deleteWorkflow(workflow);
        JsonNode deleted = promote.awaitChange(dev, workflow, "deleted");
        promote.awaitCompleted(dev, Promote.accepted(gateway.withKey("DELETE", "/v1/changes/" + id(deleted), dev, null)));
        assertThat(development.workflowOrNull(workflow).get("steps")).isEqualTo(production.workflowOrNull(workflow).get("steps"));
        promote.awaitNoChanges(dev);
    }

    @Test
    void aGroupDeletedAndCreatedAgainUnderTheSameNamePromotesInOneGo() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Recreate Acme");
        String dev = acme.development().secret();
        Content development = new Content(gateway, dev);
        Content production = new Content(gateway, acme.production().secret());
        String old = development.group("Orders");
        String oldFlow = development.workflow(Map.of("name", "Order shipped"));
        promote.all(dev, old, oldFlow);

        development.deleteGroup(old);
        String again = development.group("Orders");
        development.deleteWorkflow(oldFlow);
        String newFlow = development.workflow(Map.of("name", "Order shipped"));
        JsonNode done = promote.all(dev, old, again, oldFlow, newFlow);

        assertThat(done.get("itemCount").asInt()).isEqualTo(4);
        assertThat(production.groupOrNull(old)).isNull();
        assertThat(production.groupOrNull(again).get("name").asString()).isEqualTo("Orders");
        assertThat(production.workflowOrNull(oldFlow)).isNull();
        assertThat(production.workflowOrNull(newFlow).get("triggers").get(0).get("identifier").asString())
                .isEqualTo("order-shipped");
    }

    private static String id(JsonNode change) {
        return change.get("_id").asString();
    }

    private JsonNode diff(String key, String changeId) {
        Api.Response diff = gateway.get("/v1/changes/" + changeId + "/diff", key);
        assertThat(diff.status()).as(diff.raw()).isEqualTo(200);
        assertThat(diff.data().get("changeId").asString()).isEqualTo(changeId);
        return diff.data();
    }

    private static void assertChange(JsonNode change, String type, String name, String changeType) {
        assertThat(change).isNotNull();
        assertThat(change.get("type").asString()).as(change.toString()).isEqualTo(type);
        assertThat(change.get("name").asString()).as(change.toString()).isEqualTo(name);
        assertThat(change.get("changeType").asString()).as(change.toString()).isEqualTo(changeType);
        assertThat(change.get("changedBy").asString()).as(change.toString()).isNotBlank();
        assertThat(change.get("changedAt").asString()).as(change.toString()).isNotBlank();
        assertThat(change.get("sourceRevision").asLong()).isPositive();
    }

    static List<String> keys(List<JsonNode> changes) {
        List<String> keys = new ArrayList<>();
        changes.forEach(c -> keys.add(c.get("key").asString()));
        return keys;
    }
}
