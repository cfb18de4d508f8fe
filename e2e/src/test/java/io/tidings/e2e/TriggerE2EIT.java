package io.tidings.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.tidings.e2e.Delivery.AFTER_COMMIT;
import static io.tidings.e2e.Delivery.assertProblem;
import static io.tidings.e2e.Delivery.detail;
import static io.tidings.e2e.Delivery.eventually;
import static io.tidings.e2e.Delivery.items;
import static io.tidings.e2e.Delivery.step;
import static io.tidings.e2e.Delivery.trigger;
import static io.tidings.e2e.Delivery.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: a development workflow with an in_app and a chat step, triggered through the gateway,
 * lands in the subscriber's feed and reaches a real local HTTP server through the webhook integration.
 */
class TriggerE2EIT {

    static Api gateway;
    static DemoOrganization acme;
    static WebhookReceiver receiver;
    static String workflow;
    static String dev;
    static JsonNode firstAck;

    @BeforeAll
    static void start() {
        gateway = new Api(TidingsSystem.get().gatewayUrl());
        acme = DemoOrganization.create(gateway, "Trigger Acme");
        dev = acme.development().secret();
        receiver = new WebhookReceiver();

        Api.Response integration = gateway.withKey("POST", "/v1/integrations", dev, Map.of("providerId", "webhook",
                "channel", "chat", "credentials", Map.of("url", receiver.url()), "active", true, "name", "Local hook"));
        assertThat(integration.status()).as(integration.raw()).isEqualTo(201);

        workflow = Delivery.workflow(gateway, dev, "Order shipped", List.of(
                step("Inbox", "in_app", "Order {{orderId}} is on its way, {{subscriber.firstName}}"),
                step("Chat", "chat", "Chat: order {{orderId}} for {{subscriber.firstName}} <b>")));
        assertThat(workflow).isEqualTo("order-shipped");

        firstAck = Delivery.triggerOnceReadable(gateway, dev, trigger(workflow,
                Map.of("subscriberId", "ann", "firstName", "Ann"), Map.of("orderId", "A-17"), "tx-ann-1"));
        assertThat(firstAck.get("transactionId").asString()).isEqualTo("tx-ann-1");
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theInAppMessageIsInTheSubscribersFeedAndInTheMessages() {
        List<JsonNode> feed = items(gateway.get("/v1/subscribers/ann/notifications/feed", dev));
        assertThat(feed).hasSize(1);
        JsonNode message = feed.get(0);
        assertThat(message.get("content").asString()).isEqualTo("Order A-17 is on its way, Ann");
        assertThat(message.get("channel").asString()).isEqualTo("in_app");
        assertThat(message.get("transactionId").asString()).isEqualTo("tx-ann-1");
        assertThat(message.get("templateIdentifier").asString()).isEqualTo(workflow);
        assertThat(message.get("seen").asBoolean()).isFalse();

        List<JsonNode> inApp = items(gateway.get("/v1/messages?channel=in_app&subscriberId=ann", dev));
        assertThat(values(inApp, "_id")).containsExactly(message.get("_id").asString());
        List<JsonNode> chat = items(gateway.get("/v1/messages?channel=chat&subscriberId=ann", dev));
        assertThat(chat).hasSize(1);
        assertThat(chat.get(0).get("content").asString()).isEqualTo("Chat: order A-17 for Ann <b>");

        // the recipient object was upserted as a subscriber of development
        Api.Response ann = gateway.get("/v1/subscribers/ann", dev);
        assertThat(ann.status()).as(ann.raw()).isEqualTo(200);
        assertThat(ann.data().get("firstName").asString()).isEqualTo("Ann");
    }

    @Test
    void theLocalWebhookServerReceivedTheRenderedChatMessage() {
        List<WebhookReceiver.Received> hooks = eventually(() -> receiver.forTransaction("tx-ann-1"), list -> !list.isEmpty(),
                AFTER_COMMIT, "the webhook of tx-ann-1");
        assertThat(hooks).hasSize(1);
        WebhookReceiver.Received hook = hooks.get(0);
        assertThat(hook.method()).isEqualTo("POST");
        assertThat(hook.contentType()).startsWith("application/json");
        JsonNode body = hook.body();
        assertThat(body.get("content").asString()).as("payload and subscriber variables substituted, not HTML-escaped outside email")
                .isEqualTo("Chat: order A-17 for Ann <b>");
        assertThat(body.get("channel").asString()).isEqualTo("chat");
        assertThat(body.get("workflow").asString()).isEqualTo(workflow);
        assertThat(body.get("payload").get("orderId").asString()).isEqualTo("A-17");
        assertThat(body.get("subscriber").get("subscriberId").asString()).isEqualTo("ann");
        assertThat(body.get("step").get("type").asString()).isEqualTo("chat");
        assertThat(body.toString()).doesNotContain("{{");

        List<JsonNode> chat = items(gateway.get("/v1/messages?channel=chat&subscriberId=ann", dev));
        assertThat(body.get("messageId").asString()).isEqualTo(chat.get(0).get("_id").asString());
    }

    @Test
    void everyStepWroteASuccessfulExecutionDetail() {
        List<JsonNode> notifications = items(gateway.get("/v1/notifications", dev));
        JsonNode notification = notifications.stream()
                .filter(n -> "tx-ann-1".equals(n.get("transactionId").asString())).findFirst().orElseThrow();
        assertThat(notification.get("templateIdentifier").asString()).isEqualTo(workflow);
        assertThat(notification.get("subscriberIds").get(0).asString()).isEqualTo("ann");
        assertThat(notification.get("payload").get("orderId").asString()).isEqualTo("A-17");
        String notificationId = notification.get("_id").asString();

        // the chat step's detail is written once the webhook answered, after the commit
        List<JsonNode> details = eventually(
                () -> items(gateway.get("/v1/execution-details?notificationId=" + notificationId + "&subscriberId=ann", dev)),
                list -> list.size() >= 2, AFTER_COMMIT, "two execution details");
        assertThat(details).hasSize(2);
        JsonNode inApp = details.stream().filter(d -> "in_app".equals(d.get("channel").asString())).findFirst().orElseThrow();
        JsonNode chat = details.stream().filter(d -> "chat".equals(d.get("channel").asString())).findFirst().orElseThrow();
        assertThat(inApp.get("status").asString()).isEqualTo("success");
        assertThat(inApp.get("payload").get("content").asString()).isEqualTo("Order A-17 is on its way, Ann");
        assertThat(chat.get("status").asString()).as(chat.toString()).isEqualTo("success");
        assertThat(chat.get("providerId").asString()).isEqualTo("webhook");
        assertThat(chat.get("detail").asString()).contains("200");
        assertThat(chat.get("payload").get("payload").get("orderId").asString()).isEqualTo("A-17");
    }

    @Test
    void theSameTriggerNameFailsInProductionUntilTheWorkflowIsPromotedAndThenDelivers() {
        String prod = acme.production().secret();
        Api.Response refused = gateway.withKey("POST", "/v1/events/trigger", prod,
                trigger(workflow, "ann", Map.of("orderId", "P-1"), "tx-prod-1"));

        assertProblem(refused, 404);
        assertThat(detail(refused)).contains(workflow).containsIgnoringCase("promote");
        assertThat(items(gateway.get("/v1/notifications", prod))).isEmpty();
        assertThat(items(gateway.get("/v1/messages", prod))).isEmpty();
        assertProblem(gateway.get("/v1/subscribers/ann", prod), 404);

        String workflowId = items(gateway.get("/v1/notification-templates?query=" + workflow, dev)).get(0).get("_id").asString();
        new Promote(gateway).all(dev, workflowId);
        JsonNode ack = Delivery.triggerOnceReadable(gateway, prod, trigger(workflow,
                Map.of("subscriberId", "ann", "firstName", "Ann"), Map.of("orderId", "P-2"), "tx-prod-2"));
        assertThat(ack.get("transactionId").asString()).isEqualTo("tx-prod-2");
        List<JsonNode> feed = items(gateway.get("/v1/subscribers/ann/notifications/feed", prod));
        assertThat(values(feed, "content")).containsExactly("Order P-2 is on its way, Ann");
        assertThat(values(feed, "transactionId")).containsExactly("tx-prod-2");
    }

    @Test
    void aRepeatedTransactionIdIsNotDeliveredTwice() {
        Map<String, Object> once = trigger(workflow, Map.of("subscriberId", "bea", "firstName", "Bea"), Map.of("orderId", "B-1"), "tx-bea");
        JsonNode first = Delivery.triggerOnceReadable(gateway, dev, once);
        eventually(() -> receiver.forTransaction("tx-bea"), list -> !list.isEmpty(), AFTER_COMMIT, "the first webhook of tx-bea");

        Map<String, Object> again = trigger(workflow, Map.of("subscriberId", "bea", "firstName", "Beatrice"), Map.of("orderId", "B-2"), "tx-bea");
        Api.Response repeated = gateway.withKey("POST", "/v1/events/trigger", dev, again);
        assertThat(repeated.status()).as(repeated.raw()).isEqualTo(201);
        assertThat(repeated.data().get("transactionId").asString()).isEqualTo(first.get("transactionId").asString());

        // a later trigger's webhook is a barrier: anything the repeat sent would have gone out before it
        Delivery.triggerOnceReadable(gateway, dev, trigger(workflow, "bea", Map.of("orderId", "B-3"), "tx-bea-later"));
        eventually(() -> receiver.forTransaction("tx-bea-later"), list -> !list.isEmpty(), AFTER_COMMIT, "the webhook of tx-bea-later");

        assertThat(receiver.forTransaction("tx-bea")).hasSize(1);
        assertThat(receiver.forTransaction("tx-bea").get(0).body().get("content").asString()).isEqualTo("Chat: order B-1 for Bea <b>");
        List<JsonNode> feed = items(gateway.get("/v1/subscribers/bea/notifications/feed", dev));
        assertThat(values(feed, "transactionId")).containsExactlyInAnyOrder("tx-bea", "tx-bea-later");
        assertThat(values(feed, "content")).doesNotContain("Order B-2 is on its way, Beatrice");
        long notificationsOfTx = items(gateway.get("/v1/notifications?limit=100", dev)).stream()
                .filter(n -> "tx-bea".equals(n.get("transactionId").asString())).count();
        assertThat(notificationsOfTx).isEqualTo(1);
        // the repeat did not upsert its recipient either
        assertThat(gateway.get("/v1/subscribers/bea", dev).data().get("firstName").asString()).isEqualTo("Bea");
    }
}
