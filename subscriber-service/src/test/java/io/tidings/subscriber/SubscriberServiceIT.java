package io.tidings.subscriber;

import io.tidings.platform.content.ContentHash;
import io.tidings.platform.content.ContentRevision;
import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.test.KafkaProbe;
import io.tidings.platform.test.SignedClient;
import io.tidings.platform.test.TestInfrastructure;
import io.tidings.subscriber.promotion.ContentApplier;
import io.tidings.platform.promotion.PinnedRevision;
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
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 4: subscribers, feeds, triggers from the read model, messages, execution details and widget routes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubscriberServiceIT {

    static final String SIGNING_KEY = "subscriber-service-it-signing-key-0123456789";
    static final StubEnvironmentService STUB = new StubEnvironmentService(SIGNING_KEY);
    static KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "subscriber_it");
        registry.add("tidings.promotion.listen", () -> "false"); // the promotion IT takes the saga commands
        registry.add("tidings.context.signing-key", () -> SIGNING_KEY);
        registry.add("tidings.subscriber.environment-service-uri", STUB::url);
        registry.add("tidings.subscriber.webhook-backoff", () -> "50ms");
        registry.add("tidings.subscriber.webhook-timeout", () -> "2s");
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ContextCodec codec;
    @Autowired
    DatabaseClient db;
    @Autowired
    RevisionLog revisionLog;
    @Autowired
    ContentApplier applier;

    final JsonMapper json = JsonMapper.builder().build();
    SignedClient client;

    @BeforeEach
    void client() {
        client = new SignedClient(port, codec);
    }

    // --- helpers -----------------------------------------------------------------------------

    record Org(UUID id, UUID dev, UUID prod) {
        static Org random() {
            return new Org(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        }

        EnvironmentContext devContext() {
            return EnvironmentContext.apiKey(id, dev, EnvironmentKind.DEVELOPMENT, null, prod);
        }

        EnvironmentContext prodContext() {
            return EnvironmentContext.apiKey(id, prod, EnvironmentKind.PRODUCTION, dev, null);
        }

        EnvironmentContext widget(String subscriberId) {
            return EnvironmentContext.subscriber(id, dev, EnvironmentKind.DEVELOPMENT, null, prod, subscriberId);
        }
    }

    WebTestClient.RequestHeadersSpec<?> call(HttpMethod method, String path, EnvironmentContext context, Object body) {
        return client.call(method, path, context, body);
    }

    JsonNode ok(HttpMethod method, String path, EnvironmentContext context, Object body, int status) {
        return client.ok(call(method, path, context, body), status);
    }

    String problem(HttpMethod method, String path, EnvironmentContext context, Object body, int status) {
        return client.problem(call(method, path, context, body), status).get("detail").asString();
    }

    JsonNode get(String path, EnvironmentContext context) {
        return ok(HttpMethod.GET, path, context, null, 200);
    }

    long rows(String table, UUID env) {
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE environment_id = :env").bind("env", env)
                .map(row -> row.get("n", Long.class)).one().block();
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

    /** Publishes a revision as template-service's outbox relay would, and waits until the read model holds it. */
    void publish(Org org, UUID env, String type, UUID key, long revision, boolean deleted, ObjectNode content) {
        ContentRevisionEvent event = new ContentRevisionEvent(org.id(), env, type, key, revision, ContentHash.of(content), deleted,
                content.path("name").asString(""), content, "api_key", Instant.now());
        send(event);
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> readModelRevision(env, type, key) >= revision);
    }

    void send(ContentRevisionEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CONTENT_REVISIONS, event.messageKey(),
                json.writeValueAsString(event));
        record.headers().add(Topics.MESSAGE_ID_HEADER, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long readModelRevision(UUID env, String type, UUID key) {
        return db.sql("SELECT revision FROM content_read_model WHERE environment_id = :env AND entity_type = :type AND entity_key = :key")
                .bind("env", env).bind("type", type).bind("key", key)
                .map(row -> row.get("revision", Long.class)).one().defaultIfEmpty(0L).block();
    }

    ObjectNode workflow(String identifier, boolean active, ObjectNode... steps) {
        ObjectNode content = json.createObjectNode().put("name", identifier).put("identifier", identifier).put("active", active);
        var array = content.putArray("steps");
        for (ObjectNode step : steps) {
            array.add(step);
        }
        return content;
    }

    ObjectNode step(String type, String subject, String body, String layoutId) {
        ObjectNode step = json.createObjectNode().put("_id", UUID.randomUUID().toString()).put("name", type + " step")
                .put("type", type).put("active", true);
        ObjectNode template = step.putObject("template");
        if (body != null) {
            template.put("content", body);
        }
        if (subject != null) {
            template.put("subject", subject);
        }
        if (layoutId != null) {
            template.put("layoutId", layoutId);
        }
        return step;
    }

    /** An in-app-only workflow in the org's development environment. */
    String inAppWorkflow(Org org) {
        String identifier = "inbox-" + UUID.randomUUID().toString().substring(0, 8);
        publish(org, org.dev(), ContentTypes.WORKFLOW, UUID.randomUUID(), 1, false,
                workflow(identifier, true, step("in_app", null, "Hello {{subscriber.firstName}}: {{message}}", null)));
        return identifier;
    }

    JsonNode trigger(EnvironmentContext context, String name, Object to, Object payload, String transactionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("to", to);
        body.put("payload", payload);
        if (transactionId != null) {
            body.put("transactionId", transactionId);
        }
        return ok(HttpMethod.POST, "/v1/events/trigger", context, body, 201).get("data");
    }

    static List<String> field(JsonNode list, String name) {
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.path(name).asString(null)));
        return values;
    }

    // --- subscribers ---------------------------------------------------------------------------

    @Test
    void identifyCreatesThenUpdatesAndTheSubscriberCanBeFetchedUpdatedAndDeleted() {
        EnvironmentContext dev = Org.random().devContext();
        JsonNode created = ok(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "user-1", "email", "ann@example.com",
                "firstName", "Ann", "data", Map.of("plan", "pro")), 201).get("data");
        assertThat(created.get("subscriberId").asString()).isEqualTo("user-1");
        assertThat(created.get("_id").asString()).isNotBlank();
        assertThat(created.get("data").get("plan").asString()).isEqualTo("pro");

        JsonNode updated = ok(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "user-1", "lastName", "Lee",
                "locale", "en-US"), 200).get("data");
        assertThat(updated.get("_id").asString()).isEqualTo(created.get("_id").asString());
        assertThat(updated.get("firstName").asString()).as("absent fields are kept").isEqualTo("Ann");
        assertThat(updated.get("lastName").asString()).isEqualTo("Lee");

        JsonNode put = ok(HttpMethod.PUT, "/v1/subscribers/user-1", dev, Map.of("phone", "+1 555 0100",
                "avatar", "https://example.com/a.png"), 200).get("data");
        assertThat(put.get("phone").asString()).isEqualTo("+1 555 0100");
        assertThat(get("/v1/subscribers/user-1", dev).get("data").get("avatar").asString()).isEqualTo("https://example.com/a.png");
        problem(HttpMethod.PUT, "/v1/subscribers/nobody", dev, Map.of("firstName", "X"), 404);
        problem(HttpMethod.PUT, "/v1/subscribers/user-1", dev, Map.of("subscriberId", "user-2"), 400);

        ok(HttpMethod.DELETE, "/v1/subscribers/user-1", dev, null, 200);
        problem(HttpMethod.GET, "/v1/subscribers/user-1", dev, null, 404);
        problem(HttpMethod.DELETE, "/v1/subscribers/user-1", dev, null, 404);
    }

    @Test
    void subscriberListsArePaginated() {
        EnvironmentContext dev = Org.random().devContext();
        for (int i = 0; i < 5; i++) {
            ok(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "s" + i), 201);
        }
        JsonNode first = get("/v1/subscribers?page=0&limit=2", dev);
        assertThat(field(first.get("data"), "subscriberId")).containsExactly("s0", "s1");
        assertThat(first.get("totalCount").asLong()).isEqualTo(5);
        assertThat(first.get("pageSize").asInt()).isEqualTo(2);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        JsonNode last = get("/v1/subscribers?page=2&limit=2", dev);
        assertThat(field(last.get("data"), "subscriberId")).containsExactly("s4");
        assertThat(last.get("hasMore").asBoolean()).isFalse();
        problem(HttpMethod.GET, "/v1/subscribers?limit=1000", dev, null, 400);
    }

    @Test
    void badSubscriberInputIsAClearClientErrorAndStoresNothing() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "nickname", "x"), 400)).contains("nickname");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "email", "not-an-email"), 400)).contains("email");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "email", 42), 400)).isNotBlank();
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "x".repeat(129)), 400)).contains("128");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "has space"), 400)).contains("subscriberId");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("email", "a@b.co"), 400)).contains("subscriberId is required");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "firstName", "f".repeat(129)), 400)).contains("firstName");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "phone", "1".repeat(33)), 400)).contains("phone");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "avatar", "javascript:alert(1)"), 400)).contains("avatar");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "locale", "english please"), 400)).contains("locale");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "data", List.of(1)), 400)).contains("data");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, Map.of("subscriberId", "a", "data", Map.of("big", "x".repeat(17_000))), 400))
                .contains("16384");
        assertThat(problem(HttpMethod.POST, "/v1/subscribers", dev, null, 400)).contains("body");
        assertThat(rows("subscribers", org.dev())).isZero();
    }

    @Test
    void subscribersAreLocalToTheirEnvironmentAndOrganization() {
        Org org = Org.random();
        Org other = Org.random();
        ok(HttpMethod.POST, "/v1/subscribers", org.devContext(), Map.of("subscriberId", "same", "firstName", "Dev"), 201);
        ok(HttpMethod.POST, "/v1/subscribers", org.prodContext(), Map.of("subscriberId", "same", "firstName", "Prod"), 201);
        assertThat(get("/v1/subscribers/same", org.devContext()).get("data").get("firstName").asString()).isEqualTo("Dev");
        assertThat(get("/v1/subscribers/same", org.prodContext()).get("data").get("firstName").asString()).isEqualTo("Prod");
        assertThat(get("/v1/subscribers", org.devContext()).get("totalCount").asLong()).isEqualTo(1);
        problem(HttpMethod.GET, "/v1/subscribers/same", other.devContext(), null, 404);
        assertThat(get("/v1/subscribers", other.devContext()).get("totalCount").asLong()).isZero();
        ok(HttpMethod.DELETE, "/v1/subscribers/same", org.prodContext(), null, 200);
        assertThat(get("/v1/subscribers/same", org.devContext()).get("data").get("firstName").asString()).isEqualTo("Dev");
    }

    @Test
    void aSubscriberTokenIsRefusedOnServerRoutesAndAnApiKeyOnWidgetRoutes() {
        Org org = Org.random();
        EnvironmentContext widget = org.widget("ann");
        problem(HttpMethod.GET, "/v1/subscribers", widget, null, 403);
        problem(HttpMethod.POST, "/v1/subscribers", widget, Map.of("subscriberId", "ann"), 403);
        problem(HttpMethod.GET, "/v1/messages", widget, null, 403);
        problem(HttpMethod.POST, "/v1/events/trigger", widget, Map.of("name", "x", "to", "ann"), 403);
        problem(HttpMethod.GET, "/v1/widgets/notifications/feed", org.devContext(), null, 403);
        problem(HttpMethod.GET, "/v1/widgets/notifications/unseen", org.devContext(), null, 403);
        problem(HttpMethod.POST, "/v1/widgets/messages/markAs", org.devContext(), Map.of("messageId", "x", "mark", Map.of("seen", true)), 403);
        problem(HttpMethod.POST, "/internal/widgets/session", org.devContext(), Map.of("subscriberId", "ann"), 403);
        problem(HttpMethod.GET, "/v1/subscribers", null, null, 401);
        assertThat(rows("subscribers", org.dev())).isZero();
    }

    // --- feeds ---------------------------------------------------------------------------------

    @Test
    void feedsArePromotableContent() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        try (KafkaProbe probe = new KafkaProbe(Topics.CONTENT_REVISIONS)) {
            JsonNode feed = ok(HttpMethod.POST, "/v1/feeds", dev, Map.of("name", "Product Updates"), 201).get("data");
            String id = feed.get("_id").asString();
            assertThat(feed.get("identifier").asString()).isEqualTo("product-updates");
            UUID key = UUID.fromString(id);
            assertThat(revisionLog.latest(org.dev(), ContentTypes.FEED, key).block().revision()).isEqualTo(1);

            var record = probe.await(r -> (org.dev() + ":feed:" + id).equals(r.key()), Duration.ofSeconds(20));
            assertThat(record).isNotNull();
            JsonNode event = json.readTree(record.value());
            assertThat(event.get("type").asString()).isEqualTo("feed");
            assertThat(event.get("revision").asLong()).isEqualTo(1);
            assertThat(event.get("content").get("name").asString()).isEqualTo("Product Updates");

            JsonNode again = ok(HttpMethod.POST, "/v1/feeds", dev, Map.of("name", "Product Updates"), 200).get("data");
            assertThat(again.get("_id").asString()).isEqualTo(id);
            problem(HttpMethod.POST, "/v1/feeds", dev, Map.of("name", "Other", "identifier", "product-updates"), 409);
            assertThat(rows("content_revisions", org.dev())).as("an identical save adds no revision").isEqualTo(1);

            problem(HttpMethod.POST, "/v1/feeds", org.prodContext(), Map.of("name", "Direct"), 403);
            problem(HttpMethod.DELETE, "/v1/feeds/" + id, org.prodContext(), null, 403);
            assertThat(rows("feeds", org.prod())).isZero();

            ContentRevision revision = revisionLog.latest(org.dev(), ContentTypes.FEED, key).block();
            PinnedRevision pinned = new PinnedRevision(ContentTypes.FEED, key, revision.revision(), (ObjectNode) revision.content(), false);
            RevisionLog.Author target = new RevisionLog.Author(org.id(), org.prod(), "promotion");
            applier.apply(target, List.of(pinned)).block();
            applier.apply(target, List.of(pinned)).block();
            JsonNode prodFeeds = get("/v1/feeds", org.prodContext()).get("data");
            assertThat(field(prodFeeds, "_id")).containsExactly(id);
            assertThat(revisionLog.latest(org.prod(), ContentTypes.FEED, key).block().contentHash()).isEqualTo(revision.contentHash());
            assertThat(rows("content_revisions", org.prod())).as("applying the same revision again adds nothing").isEqualTo(1);

            ok(HttpMethod.DELETE, "/v1/feeds/" + id, dev, null, 200);
            assertThat(get("/v1/feeds", dev).get("data")).isEmpty();
            assertThat(revisionLog.latest(org.dev(), ContentTypes.FEED, key).block().deleted()).isTrue();
            problem(HttpMethod.DELETE, "/v1/feeds/" + id, dev, null, 404);
            assertThat(get("/v1/feeds", Org.random().devContext()).get("data")).isEmpty();
        }
    }

    // --- trigger -------------------------------------------------------------------------------

    @Test
    void aTriggerRendersEachStepStoresTheInAppMessageAndPostsTheWebhook() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        UUID layoutKey = UUID.randomUUID();
        publish(org, org.dev(), ContentTypes.LAYOUT, layoutKey, 1, false, json.createObjectNode().put("name", "Main")
                .put("identifier", "main").put("isDefault", true)
                .put("content", "<html style=\"color: {{brand.color}}\">{{{body}}}<footer>{{subscriber.email}}</footer></html>"));
        publish(org, org.dev(), ContentTypes.BRAND, UUID.randomUUID(), 1, false, json.createObjectNode().put("color", "#ff0066"));
        String hook = STUB.webhook(org.dev(), "email", "mail-" + org.dev());
        publish(org, org.dev(), ContentTypes.WORKFLOW, UUID.randomUUID(), 1, false, workflow("order-shipped", true,
                step("in_app", null, "Hi {{subscriber.firstName}}, order {{orderId}} shipped", null),
                step("email", "Order {{payload.orderId}} for {{subscriber.firstName}}", "<p>{{note}}</p>{{{html}}}", null),
                step("sms", null, "Order {{orderId}}", null),
                step("digest", null, null, null)));

        JsonNode ack = trigger(dev, "order-shipped",
                Map.of("subscriberId", "ann", "firstName", "<Ann>", "email", "ann@example.com"),
                Map.of("orderId", "A&1", "note", "<i>fragile</i>", "html", "<b>bold</b>"), "tx-ship-1");
        assertThat(ack.get("acknowledged").asBoolean()).isTrue();
        assertThat(ack.get("status").asString()).isEqualTo("processed");
        assertThat(ack.get("transactionId").asString()).isEqualTo("tx-ship-1");

        assertThat(get("/v1/subscribers/ann", dev).get("data").get("email").asString()).as("the recipient object was upserted")
                .isEqualTo("ann@example.com");
        JsonNode feed = get("/v1/subscribers/ann/notifications/feed", dev);
        assertThat(feed.get("totalCount").asLong()).isEqualTo(1);
        JsonNode inApp = feed.get("data").get(0);
        assertThat(inApp.get("content").asString()).isEqualTo("Hi &lt;Ann&gt;, order A&amp;1 shipped"); // widgets show in-app content as HTML
        assertThat(inApp.get("channel").asString()).isEqualTo("in_app");
        assertThat(inApp.get("seen").asBoolean()).isFalse();
        assertThat(inApp.get("transactionId").asString()).isEqualTo("tx-ship-1");

        await().atMost(20, TimeUnit.SECONDS).until(() -> STUB.received(hook).size() == 1);
        JsonNode webhook = json.readTree(STUB.received(hook).get(0));
        assertThat(webhook.get("channel").asString()).isEqualTo("email");
        assertThat(webhook.get("workflow").asString()).isEqualTo("order-shipped");
        assertThat(webhook.get("transactionId").asString()).isEqualTo("tx-ship-1");
        assertThat(webhook.get("subscriber").get("subscriberId").asString()).isEqualTo("ann");
        assertThat(webhook.get("subject").asString()).isEqualTo("Order A&amp;1 for &lt;Ann&gt;");
        assertThat(webhook.get("content").asString()).isEqualTo("<html style=\"color: #ff0066\"><p>&lt;i&gt;fragile&lt;/i&gt;</p>"
                + "<b>bold</b><footer>ann@example.com</footer></html>");
        assertThat(webhook.get("payload").get("orderId").asString()).isEqualTo("A&1");

        String notificationId = webhook.get("notificationId").asString();
        JsonNode notifications = get("/v1/notifications", dev).get("data");
        assertThat(field(notifications, "_id")).containsExactly(notificationId);
        assertThat(notifications.get(0).get("templateIdentifier").asString()).isEqualTo("order-shipped");

        await().atMost(20, TimeUnit.SECONDS).until(() ->
                get("/v1/execution-details?notificationId=" + notificationId, dev).get("data").size() == 4);
        JsonNode details = get("/v1/execution-details?notificationId=" + notificationId + "&subscriberId=ann", dev).get("data");
        Map<String, JsonNode> byChannel = new LinkedHashMap<>();
        details.forEach(d -> byChannel.put(d.get("channel").asString(), d));
        assertThat(byChannel.get("in_app").get("status").asString()).isEqualTo("success");
        assertThat(byChannel.get("in_app").get("payload").get("payload").get("orderId").asString()).isEqualTo("A&1");
        assertThat(byChannel.get("email").get("status").asString()).isEqualTo("success");
        assertThat(byChannel.get("email").get("providerId").asString()).isEqualTo("webhook");
        assertThat(byChannel.get("email").get("payload").get("subject").asString()).isEqualTo("Order A&amp;1 for &lt;Ann&gt;");
        assertThat(byChannel.get("sms").get("status").asString()).isEqualTo("skipped");
        assertThat(byChannel.get("sms").get("detail").asString()).contains("no active sms integration");
        assertThat(byChannel.get("digest").get("status").asString()).isEqualTo("skipped");
        assertThat(get("/v1/execution-details?notificationId=" + notificationId + "&subscriberId=bob", dev).get("data")).isEmpty();
        problem(HttpMethod.GET, "/v1/execution-details", dev, null, 400);

        JsonNode messages = get("/v1/messages?channel=email&subscriberId=ann", dev).get("data");
        assertThat(messages).hasSize(1);
        assertThat(get("/v1/messages?subscriberId=ann", dev).get("totalCount").asLong()).isEqualTo(2);
        assertThat(get("/v1/messages", org.prodContext()).get("totalCount").asLong()).isZero();
        assertThat(get("/v1/notifications", org.prodContext()).get("totalCount").asLong()).isZero();

        ok(HttpMethod.DELETE, "/v1/messages/" + inApp.get("_id").asString(), dev, null, 200);
        assertThat(get("/v1/subscribers/ann/notifications/feed", dev).get("totalCount").asLong()).isZero();
        problem(HttpMethod.DELETE, "/v1/messages/" + inApp.get("_id").asString(), dev, null, 404);
    }

    @Test
    void aWebhookThatFailsIsRetriedWithBackoff() {
        Org org = Org.random();
        String hook = STUB.webhook(org.dev(), "chat", "flaky-" + org.dev());
        publish(org, org.dev(), ContentTypes.WORKFLOW, UUID.randomUUID(), 1, false,
                workflow("chatty", true, step("chat", null, "ping {{subscriber.subscriberId}}", null)));
        trigger(org.devContext(), "chatty", "bob", Map.of(), null);
        await().atMost(20, TimeUnit.SECONDS).until(() -> STUB.received(hook).size() == 1);
        assertThat(STUB.attempts(hook)).isEqualTo(3);
        assertThat(json.readTree(STUB.received(hook).get(0)).get("content").asString()).isEqualTo("ping bob");
    }

    @Test
    void aRepeatedTransactionIdIsDeliveredOnce() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String hook = STUB.webhook(org.dev(), "push", "once-" + org.dev());
        publish(org, org.dev(), ContentTypes.WORKFLOW, UUID.randomUUID(), 1, false, workflow("twice", true,
                step("in_app", null, "x", null), step("push", null, "y", null)));
        JsonNode first = trigger(dev, "twice", "carl", Map.of(), "same-tx");
        JsonNode second = trigger(dev, "twice", "carl", Map.of(), "same-tx");
        assertThat(second).isEqualTo(first);
        await().atMost(20, TimeUnit.SECONDS).until(() -> STUB.received(hook).size() == 1);
        trigger(dev, "twice", List.of("carl"), Map.of(), "other-tx");
        await().atMost(20, TimeUnit.SECONDS).until(() -> STUB.received(hook).size() == 2);
        assertThat(get("/v1/notifications", dev).get("totalCount").asLong()).isEqualTo(2);
        assertThat(get("/v1/messages?channel=in_app", dev).get("totalCount").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownInactiveOrDeletedWorkflowIsAClearClientError() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", dev, Map.of("name", "nope", "to", "ann"), 404)).contains("nope");

        UUID key = UUID.randomUUID();
        publish(org, org.dev(), ContentTypes.WORKFLOW, key, 1, false, workflow("sleepy", false, step("in_app", null, "x", null)));
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", dev, Map.of("name", "sleepy", "to", "ann"), 409)).contains("inactive");

        publish(org, org.dev(), ContentTypes.WORKFLOW, key, 2, false, workflow("sleepy", true, step("in_app", null, "x", null)));
        trigger(dev, "sleepy", "ann", Map.of(), null);
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", org.prodContext(), Map.of("name", "sleepy", "to", "ann"), 404))
                .as("the development workflow does not exist in production until promoted").contains("sleepy");

        publish(org, org.dev(), ContentTypes.WORKFLOW, key, 3, true, workflow("sleepy", true, step("in_app", null, "x", null)));
        problem(HttpMethod.POST, "/v1/events/trigger", dev, Map.of("name", "sleepy", "to", "ann"), 404);
        // an older revision arriving late does not bring it back
        send(new ContentRevisionEvent(org.id(), org.dev(), ContentTypes.WORKFLOW, key, 2, "h", false, "sleepy",
                workflow("sleepy", true, step("in_app", null, "x", null)), "api_key", Instant.now()));
        UUID marker = UUID.randomUUID();
        publish(org, org.dev(), ContentTypes.BRAND, marker, 1, false, json.createObjectNode().put("color", "#000"));
        assertThat(readModelRevision(org.dev(), ContentTypes.WORKFLOW, key)).isEqualTo(3);
        problem(HttpMethod.POST, "/v1/events/trigger", dev, Map.of("name", "sleepy", "to", "ann"), 404);
    }

    @Test
    void triggerInputOverTheLimitsIsRefusedAndStoresNothing() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String workflow = inAppWorkflow(org);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("user-" + i);
        }
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", dev, Map.of("name", workflow, "to", many), 400))
                .contains("101").contains("limit is 100");
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", dev,
                Map.of("name", workflow, "to", "ann", "payload", Map.of("blob", "x".repeat(70_000))), 400)).contains("65536 bytes");
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", dev,
                Map.of("name", workflow, "to", List.of("ok", Map.of("subscriberId", "b", "nickname", "x"))), 400)).contains("to[1]").contains("nickname");
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", dev, Map.of("name", workflow), 400)).contains("to is required");
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", dev, Map.of("name", workflow, "to", "ann", "payload", List.of(1)), 400)).contains("payload");
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger", dev, Map.of("name", workflow, "to", "ann", "extra", 1), 400)).contains("extra");
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            events.add(Map.of("name", workflow, "to", "ann"));
        }
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger/bulk", dev, Map.of("events", events), 400)).contains("limit is 100");
        assertThat(problem(HttpMethod.POST, "/v1/events/trigger/bulk", dev, Map.of("events", List.of(
                Map.of("name", workflow, "to", "ann"), Map.of("name", "missing", "to", "ann"))), 404)).contains("missing");
        assertThat(rows("subscribers", org.dev())).isZero();
        assertThat(rows("notifications", org.dev())).isZero();
        assertThat(rows("messages", org.dev())).isZero();
        assertThat(rows("execution_details", org.dev())).isZero();
    }

    @Test
    void aBulkTriggerDeliversEveryEvent() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String workflow = inAppWorkflow(org);
        JsonNode acks = ok(HttpMethod.POST, "/v1/events/trigger/bulk", dev, Map.of("events", List.of(
                Map.of("name", workflow, "to", "ann", "payload", Map.of("message", "one"), "transactionId", "b-1"),
                Map.of("name", workflow, "to", List.of("ann", Map.of("subscriberId", "bob", "firstName", "Bob")),
                        "payload", Map.of("message", "two"), "transactionId", "b-2"))), 201).get("data");
        assertThat(field(acks, "transactionId")).containsExactly("b-1", "b-2");
        assertThat(get("/v1/subscribers/ann/notifications/feed", dev).get("totalCount").asLong()).isEqualTo(2);
        JsonNode bob = get("/v1/subscribers/bob/notifications/feed", dev).get("data");
        assertThat(bob.get(0).get("content").asString()).isEqualTo("Hello Bob: two");
    }

    // --- widget ----------------------------------------------------------------------------------

    @Test
    void widgetRoutesReachOnlyTheSubscribersOwnMessages() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String workflow = inAppWorkflow(org);

        JsonNode profile = ok(HttpMethod.POST, "/internal/widgets/session", org.widget("ann"),
                Map.of("subscriberId", "ann", "firstName", "Ann"), 200).get("data");
        assertThat(profile.get("subscriberId").asString()).isEqualTo("ann");
        problem(HttpMethod.POST, "/internal/widgets/session", org.widget("ann"), Map.of("subscriberId", "bob"), 403);

        trigger(dev, workflow, List.of("ann", "bob"), Map.of("message", "news"), null);
        JsonNode annFeed = get("/v1/widgets/notifications/feed", org.widget("ann"));
        assertThat(annFeed.get("totalCount").asLong()).isEqualTo(1);
        assertThat(annFeed.get("data").get(0).get("content").asString()).isEqualTo("Hello Ann: news");
        assertThat(field(annFeed.get("data"), "subscriberId")).containsOnly("ann");
        String annMessage = annFeed.get("data").get(0).get("_id").asString();
        String bobMessage = get("/v1/widgets/notifications/feed", org.widget("bob")).get("data").get(0).get("_id").asString();

        assertThat(get("/v1/widgets/notifications/unseen", org.widget("ann")).get("data").get("count").asLong()).isEqualTo(1);
        problem(HttpMethod.POST, "/v1/widgets/messages/markAs", org.widget("ann"),
                Map.of("messageId", bobMessage, "mark", Map.of("seen", true)), 404);
        problem(HttpMethod.POST, "/v1/widgets/messages/markAs", org.widget("ann"),
                Map.of("messageId", List.of(annMessage, bobMessage), "mark", Map.of("read", true)), 404);
        assertThat(get("/v1/widgets/notifications/unseen", org.widget("ann")).get("data").get("count").asLong())
                .as("a refused batch changes nothing").isEqualTo(1);

        JsonNode marked = ok(HttpMethod.POST, "/v1/widgets/messages/markAs", org.widget("ann"),
                Map.of("messageId", annMessage, "mark", Map.of("read", true)), 200).get("data");
        assertThat(marked.get(0).get("read").asBoolean()).isTrue();
        assertThat(marked.get(0).get("seen").asBoolean()).isTrue();
        assertThat(get("/v1/widgets/notifications/unseen", org.widget("ann")).get("data").get("count").asLong()).isZero();
        assertThat(get("/v1/widgets/notifications/unseen", org.widget("bob")).get("data").get("count").asLong()).isEqualTo(1);

        EnvironmentContext prodWidget = EnvironmentContext.subscriber(org.id(), org.prod(), EnvironmentKind.PRODUCTION, org.dev(), null, "ann");
        assertThat(get("/v1/widgets/notifications/feed", prodWidget).get("totalCount").asLong()).isZero();
        EnvironmentContext otherOrg = Org.random().widget("ann");
        assertThat(get("/v1/widgets/notifications/feed", otherOrg).get("totalCount").asLong()).isZero();
        problem(HttpMethod.POST, "/v1/widgets/messages/markAs", otherOrg, Map.of("messageId", annMessage, "mark", Map.of("seen", false)), 404);
    }
}
