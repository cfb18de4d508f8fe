package io.tidings.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tidings.e2e.Delivery.assertProblem;
import static io.tidings.e2e.Delivery.detail;
import static io.tidings.e2e.Delivery.items;
import static io.tidings.e2e.Delivery.step;
import static io.tidings.e2e.Delivery.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: bad subscriber and trigger input gets a clear 4xx through the gateway and stores nothing.
 * Limits: a trigger payload of at most 65536 bytes as JSON, a request body of at most 262144 bytes,
 * at most 100 recipients in one trigger's {@code to}.
 */
class BadInputE2EIT {

    static Api gateway;
    static DemoOrganization acme;
    static String dev;
    static String workflow;

    @BeforeAll
    static void start() {
        gateway = new Api(TidingsSystem.get().gatewayUrl());
        acme = DemoOrganization.create(gateway, "Bad Input Acme");
        dev = acme.development().secret();
        workflow = Delivery.workflow(gateway, dev, "Bad input probe", List.of(step("Inbox", "in_app", "Probe {{n}}")));
        // the workflow is triggerable, so every refusal below is about the input, not a missing workflow
        Delivery.triggerOnceReadable(gateway, dev, trigger(workflow, "known", Map.of("n", "ok"), "bad-input-baseline"));
    }

    static long subscribers() {
        return gateway.get("/v1/subscribers", dev).body().get("totalCount").asLong();
    }

    static long notifications() {
        return gateway.get("/v1/notifications", dev).body().get("totalCount").asLong();
    }

    static long messages() {
        return gateway.get("/v1/messages", dev).body().get("totalCount").asLong();
    }

    @Test
    void unknownSubscriberFieldsAreRefusedAndNothingIsStored() {
        long before = subscribers();

        Api.Response unknown = gateway.withKey("POST", "/v1/subscribers", dev,
                Map.of("subscriberId", "sneaky", "firstName", "Sam", "nickname", "S"));
        assertProblem(unknown, 400);
        assertThat(detail(unknown)).contains("nickname");

        Api.Response update = gateway.withKey("PUT", "/v1/subscribers/known", dev, Map.of("firstName", "Changed", "isAdmin", true));
        assertProblem(update, 400);
        assertThat(detail(update)).contains("isAdmin");

        assertProblem(gateway.get("/v1/subscribers/sneaky", dev), 404);
        assertThat(gateway.get("/v1/subscribers/known", dev).raw()).doesNotContain("Changed");
        assertThat(subscribers()).isEqualTo(before);
    }

    @Test
    void subscriberFieldsOfTheWrongTypeAreRefusedAndNothingIsStored() {
        long before = subscribers();
        List<Map<String, Object>> bodies = List.of(
                Map.of("subscriberId", "typed-1", "firstName", Map.of("given", "Sam")),
                Map.of("subscriberId", "typed-2", "email", List.of("a@example.com")),
                Map.of("subscriberId", "typed-3", "data", List.of(1, 2)),
                Map.of("subscriberId", "typed-4", "data", "plan=pro"),
                Map.of("subscriberId", "typed-5", "firstName", 42),
                Map.of("subscriberId", "typed-6", "email", "not-an-address"),
                Map.of("subscriberId", List.of("typed-7")));
        for (Map<String, Object> body : bodies) {
            assertProblem(gateway.withKey("POST", "/v1/subscribers", dev, body), 400);
        }
        Api.Response malformed = gateway.send("POST", "/v1/subscribers", Map.of("Authorization", "ApiKey " + dev),
                "{\"subscriberId\": \"typed-8\",");
        assertProblem(malformed, 400);

        for (int i = 1; i <= 8; i++) {
            assertProblem(gateway.get("/v1/subscribers/typed-" + i, dev), 404);
        }
        assertThat(subscribers()).isEqualTo(before);
    }

    @Test
    void aTriggerPayloadOverItsLimitIsRefusedWithTheLimit() {
        long subscribersBefore = subscribers();
        long notificationsBefore = notifications();
        long messagesBefore = messages();

        Map<String, Object> huge = trigger(workflow, Map.of("subscriberId", "huge-payload", "firstName", "H"),
                Map.of("n", "x".repeat(70_000)), "huge-payload-tx");
        String json = Api.JSON.writeValueAsString(huge);
        assertThat(json.length()).as("over the payload limit, under the body limit").isBetween(65_537, 262_143);

        Api.Response refused = gateway.withKey("POST", "/v1/events/trigger", dev, huge);
        assertProblem(refused, 400);
        assertThat(detail(refused)).contains("payload").contains("65536");

        assertProblem(gateway.get("/v1/subscribers/huge-payload", dev), 404);
        assertThat(subscribers()).isEqualTo(subscribersBefore);
        assertThat(notifications()).isEqualTo(notificationsBefore);
        assertThat(messages()).isEqualTo(messagesBefore);
    }

    @Test
    void aBodyOverTheRequestLimitIsTooLarge() {
        long notificationsBefore = notifications();
        Map<String, Object> tooLarge = trigger(workflow, Map.of("subscriberId", "too-large", "firstName", "T"),
                Map.of("n", "x".repeat(300_000)), "too-large-tx");

        Api.Response refused = gateway.withKey("POST", "/v1/events/trigger", dev, tooLarge);
        assertProblem(refused, 413);
        assertThat(detail(refused)).contains("262144");

        Api.Response subscriber = gateway.withKey("POST", "/v1/subscribers", dev,
                Map.of("subscriberId", "too-large", "data", Map.of("blob", "x".repeat(300_000))));
        assertProblem(subscriber, 413);

        assertProblem(gateway.get("/v1/subscribers/too-large", dev), 404);
        assertThat(notifications()).isEqualTo(notificationsBefore);
    }

    @Test
    void aToListOverTheLimitIsRefusedAndNobodyIsCreated() {
        long subscribersBefore = subscribers();
        long notificationsBefore = notifications();
        List<Object> to = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            to.add(Map.of("subscriberId", "crowd-" + i, "firstName", "C" + i));
        }

        Api.Response refused = gateway.withKey("POST", "/v1/events/trigger", dev, trigger(workflow, to, Map.of("n", "1"), "crowd-tx"));
        assertProblem(refused, 400);
        assertThat(detail(refused)).contains("to").contains("101").contains("100");

        // one recipient with an unknown field spoils the whole list too
        List<Object> mixed = new ArrayList<>(to.subList(0, 3));
        mixed.add(Map.of("subscriberId", "crowd-bad", "shoeSize", 44));
        Api.Response bad = gateway.withKey("POST", "/v1/events/trigger", dev, trigger(workflow, mixed, Map.of("n", "1"), "crowd-tx-2"));
        assertProblem(bad, 400);
        assertThat(detail(bad)).contains("to[3]").contains("shoeSize");
        List<Object> typed = new ArrayList<>(to.subList(0, 3));
        typed.add(Map.of("subscriberId", "crowd-typed", "firstName", 7));
        Api.Response wrongType = gateway.withKey("POST", "/v1/events/trigger", dev, trigger(workflow, typed, Map.of("n", "1"), "crowd-tx-4"));
        assertProblem(wrongType, 400);
        assertThat(detail(wrongType)).contains("to[3]");
        assertProblem(gateway.get("/v1/subscribers/crowd-typed", dev), 404);

        assertProblem(gateway.get("/v1/subscribers/crowd-0", dev), 404);
        assertProblem(gateway.get("/v1/subscribers/crowd-100", dev), 404);
        assertThat(subscribers()).isEqualTo(subscribersBefore);
        assertThat(notifications()).isEqualTo(notificationsBefore);

        // exactly the limit is accepted: the 400 above was about the count
        Api.Response atLimit = gateway.withKey("POST", "/v1/events/trigger", dev,
                trigger(workflow, to.subList(0, 100), Map.of("n", "1"), "crowd-tx-3"));
        assertThat(atLimit.status()).as(atLimit.raw()).isEqualTo(201);
        assertThat(gateway.get("/v1/subscribers/crowd-99", dev).status()).isEqualTo(200);
        assertProblem(gateway.get("/v1/subscribers/crowd-100", dev), 404);
    }

    @Test
    void otherBadTriggersGetAClearClientError() {
        long notificationsBefore = notifications();
        assertThat(detail(assertRefused(Map.of("to", "known", "payload", Map.of())))).contains("name");
        assertThat(detail(assertRefused(Map.of("name", workflow, "payload", Map.of())))).contains("to");
        assertThat(detail(assertRefused(Map.of("name", workflow, "to", "known", "payload", List.of(1))))).contains("payload");
        assertThat(detail(assertRefused(Map.of("name", workflow, "to", "known", "payload", Map.of(), "priority", "high"))))
                .contains("priority");
        assertThat(detail(assertRefused(Map.of("name", workflow, "to", List.of(), "payload", Map.of())))).contains("to");
        assertThat(notifications()).isEqualTo(notificationsBefore);
    }

    private static Api.Response assertRefused(Map<String, Object> body) {
        Api.Response response = gateway.withKey("POST", "/v1/events/trigger", dev, body);
        assertProblem(response, 400);
        return response;
    }
}
