package io.tidings.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.tidings.e2e.Delivery.assertProblem;
import static io.tidings.e2e.Delivery.hmac;
import static io.tidings.e2e.Delivery.items;
import static io.tidings.e2e.Delivery.session;
import static io.tidings.e2e.Delivery.step;
import static io.tidings.e2e.Delivery.token;
import static io.tidings.e2e.Delivery.trigger;
import static io.tidings.e2e.Delivery.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 4: the client side. Widget sessions need the subscriber hash, and a subscriber token reaches only its own feed. */
class WidgetSecurityE2EIT {

    static Api gateway;
    static DemoOrganization acme;
    static String dev;
    static String prod;
    static String aliceToken;
    static String bobToken;
    static List<String> aliceMessages;
    static List<String> bobMessages;

    @BeforeAll
    static void start() {
        gateway = new Api(TidingsSystem.get().gatewayUrl());
        acme = DemoOrganization.create(gateway, "Widget Acme");
        dev = acme.development().secret();
        prod = acme.production().secret();

        // development needs no hash by default; Bob's session brings a right one anyway
        aliceToken = token(gateway, acme.development().identifier(), "alice", null);
        bobToken = token(gateway, acme.development().identifier(), "bob", hmac(Delivery.widgetSecret(gateway, dev), "bob"));

        String workflow = Delivery.workflow(gateway, dev, "Widget news", List.of(step("Inbox", "in_app", "News for {{who}}")));
        Delivery.triggerOnceReadable(gateway, dev, trigger(workflow, "alice", Map.of("who", "alice-1"), null));
        Delivery.triggerOnceReadable(gateway, dev, trigger(workflow, "alice", Map.of("who", "alice-2"), null));
        Delivery.triggerOnceReadable(gateway, dev, trigger(workflow, "bob", Map.of("who", "bob-1"), null));
        aliceMessages = values(items(gateway.get("/v1/messages?subscriberId=alice", dev)), "_id");
        bobMessages = values(items(gateway.get("/v1/messages?subscriberId=bob", dev)), "_id");
        assertThat(aliceMessages).hasSize(2);
        assertThat(bobMessages).hasSize(1);
    }

    static Api.Response widget(String method, String path, String token, Object body) {
        return gateway.admin(method, path, token, body);
    }

    @Test
    void productionRefusesAMissingOrWrongHashAndStoresNoSubscriber() {
        String identifier = acme.production().identifier();
        String secret = Delivery.widgetSecret(gateway, prod);

        assertProblem(session(gateway, identifier, "mallory", null), 401);
        assertProblem(session(gateway, identifier, "mallory", ""), 401);
        assertProblem(session(gateway, identifier, "mallory", "0".repeat(64)), 401);
        assertProblem(session(gateway, identifier, "mallory", hmac(secret, "someone-else")), 401);
        assertProblem(session(gateway, identifier, "mallory", hmac(Delivery.widgetSecret(gateway, dev), "mallory")), 401);
        assertProblem(session(gateway, identifier, "mallory", hmac(secret, "mallory").toUpperCase().substring(1)), 401);
        assertProblem(gateway.get("/v1/subscribers/mallory", prod), 404);

        String token = token(gateway, identifier, "mallory", hmac(secret, "mallory"));
        assertThat(token).isNotBlank();
        assertThat(gateway.get("/v1/subscribers/mallory", prod).status()).isEqualTo(200);
        assertProblem(gateway.get("/v1/subscribers/mallory", dev), 404);
        assertThat(widget("GET", "/v1/widgets/notifications/feed", token, null).status()).isEqualTo(200);
    }

    @Test
    void developmentRequiresTheHashOnceItIsSwitchedOn() {
        DemoOrganization strict = DemoOrganization.create(gateway, "Widget Strict");
        String key = strict.development().secret();
        Api.Response on = gateway.withKey("PUT", "/v1/environments/widget-settings", key, Map.of("hmacRequired", true));
        assertThat(on.status()).as(on.raw()).isEqualTo(200);

        assertProblem(session(gateway, strict.development().identifier(), "carol", null), 401);
        token(gateway, strict.development().identifier(), "carol", hmac(Delivery.widgetSecret(gateway, key), "carol"));
    }

    @Test
    void aSubscribersTokenReadsOnlyItsOwnFeed() {
        Api.Response feed = widget("GET", "/v1/widgets/notifications/feed", aliceToken, null);
        assertThat(values(items(feed), "_id")).containsExactlyInAnyOrderElementsOf(aliceMessages).doesNotContainAnyElementsOf(bobMessages);
        assertThat(values(items(feed), "subscriberId")).containsOnly("alice");
        assertThat(feed.body().get("totalCount").asLong()).isEqualTo(2);
        assertThat(feed.raw()).doesNotContain("bob-1");

        assertThat(values(items(widget("GET", "/v1/widgets/notifications/feed", bobToken, null)), "_id"))
                .containsExactlyElementsOf(bobMessages);
        Api.Response unseen = widget("GET", "/v1/widgets/notifications/unseen", bobToken, null);
        assertThat(unseen.status()).as(unseen.raw()).isEqualTo(200);
        assertThat(unseen.data().get("count").asLong()).isEqualTo(1);

        // the same subscriberId in production is another subscriber with another (empty) feed
        String prodAlice = token(gateway, acme.production().identifier(), "alice",
                hmac(Delivery.widgetSecret(gateway, prod), "alice"));
        Api.Response prodFeed = widget("GET", "/v1/widgets/notifications/feed", prodAlice, null);
        assertThat(items(prodFeed)).isEmpty();
    }

    @Test
    void markingAnotherSubscribersMessageIsNotFoundAndChangesNothing() {
        String bobs = bobMessages.get(0);
        assertProblem(widget("POST", "/v1/widgets/messages/markAs", aliceToken,
                Map.of("messageId", bobs, "mark", Map.of("seen", true, "read", true))), 404);
        String alices = aliceMessages.get(0);
        assertProblem(widget("POST", "/v1/widgets/messages/markAs", aliceToken,
                Map.of("messageId", List.of(alices, bobs), "mark", Map.of("seen", true))), 404);

        JsonNode bobsMessage = items(gateway.get("/v1/messages?subscriberId=bob", dev)).get(0);
        assertThat(bobsMessage.get("seen").asBoolean()).isFalse();
        assertThat(bobsMessage.get("read").asBoolean()).isFalse();
        JsonNode alicesMessage = items(gateway.get("/v1/messages?subscriberId=alice", dev)).stream()
                .filter(m -> alices.equals(m.get("_id").asString())).findFirst().orElseThrow();
        assertThat(alicesMessage.get("seen").asBoolean()).as("nothing half-written").isFalse();

        // her own message she can mark
        Api.Response own = widget("POST", "/v1/widgets/messages/markAs", aliceToken,
                Map.of("messageId", aliceMessages.get(1), "mark", Map.of("read", true)));
        assertThat(own.status()).as(own.raw()).isEqualTo(200);
        assertThat(own.data().get(0).get("read").asBoolean()).isTrue();
        assertThat(own.data().get(0).get("seen").asBoolean()).isTrue();
    }

    @Test
    void aSubscriberTokenIsRefusedOnServerRoutes() {
        for (String path : List.of("/v1/subscribers", "/v1/subscribers/alice", "/v1/subscribers/bob/notifications/feed",
                "/v1/messages", "/v1/notifications", "/v1/integrations", "/v1/environments/me", "/v1/notification-templates")) {
            assertProblem(widget("GET", path, aliceToken, null), 403);
        }
        assertProblem(widget("POST", "/v1/subscribers", aliceToken, Map.of("subscriberId", "alice-made")), 403);
        assertProblem(widget("POST", "/v1/events/trigger", aliceToken, trigger("widget-news", "bob", Map.of(), null)), 403);
        assertProblem(gateway.get("/v1/subscribers/alice-made", dev), 404);
    }

    @Test
    void anApplicationIdentifierIsNotAnApiKey() {
        for (String identifier : List.of(acme.development().identifier(), acme.production().identifier())) {
            assertProblem(gateway.get("/v1/subscribers", identifier), 401);
            assertProblem(gateway.get("/v1/messages", identifier), 401);
            assertProblem(gateway.withKey("POST", "/v1/events/trigger", identifier, trigger("widget-news", "alice", Map.of(), null)), 401);
            assertProblem(gateway.send("GET", "/v1/widgets/notifications/feed", Map.of("Authorization", "Bearer " + identifier), null), 401);
        }
    }

    @Test
    void anApiKeyIsRefusedOnWidgetRoutes() {
        assertProblem(gateway.get("/v1/widgets/notifications/feed", dev), 403);
        assertProblem(gateway.get("/v1/widgets/notifications/unseen", prod), 403);
        assertProblem(gateway.withKey("POST", "/v1/widgets/messages/markAs", dev,
                Map.of("messageId", bobMessages.get(0), "mark", Map.of("seen", true))), 403);
        assertThat(items(gateway.get("/v1/messages?subscriberId=bob", dev)).get(0).get("seen").asBoolean()).isFalse();
    }

    @Test
    void aTamperedOrMissingTokenIsRefused() {
        String tampered = aliceToken.substring(0, aliceToken.length() - 2) + (aliceToken.endsWith("AA") ? "BB" : "AA");
        assertProblem(widget("GET", "/v1/widgets/notifications/feed", tampered, null), 401);
        assertProblem(gateway.send("GET", "/v1/widgets/notifications/feed", Map.of(), null), 401);
        // an unknown application identifier opens no session
        assertProblem(session(gateway, "not-an-application", "alice", null), 401);
        assertThat(widget("GET", "/v1/widgets/notifications/feed", aliceToken, null).status()).isEqualTo(200);
    }
}
