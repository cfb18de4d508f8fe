package io.tidings.template;

import io.tidings.platform.content.ContentRevision;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.OutboxRelay;
import io.tidings.platform.test.KafkaProbe;
import io.tidings.platform.test.SignedClient;
import io.tidings.platform.test.TestInfrastructure;
import io.tidings.template.group.GeneralGroup;
import io.tidings.template.promotion.ContentApplier;
import io.tidings.platform.promotion.PinnedRevision;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 3: workflows, groups and layouts per environment, read-only in production, every write a revision. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TemplateServiceIT {

    static final String SIGNING_KEY = "template-service-it-signing-key-0123456789";
    static final String WORKFLOWS = "/v1/notification-templates";
    static final String GROUPS = "/v1/notification-groups";
    static final String LAYOUTS = "/v1/layouts";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "template_it");
        registry.add("tidings.context.signing-key", () -> SIGNING_KEY);
        registry.add("tidings.promotion.listen", () -> "false"); // PromotionParticipantIT takes the saga commands
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
    @Autowired
    OutboxRelay relay;

    final JsonMapper json = JsonMapper.builder().build();
    SignedClient client;
    WebTestClient http;

    @BeforeEach
    void client() {
        client = new SignedClient(port, codec);
        http = client.http();
    }

    // --- helpers -----------------------------------------------------------------------------

    /** An organization of random ids: development promotes to production. */
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

        RevisionLog.Author prodAuthor() {
            return new RevisionLog.Author(id, prod, "promotion");
        }
    }

    WebTestClient.RequestHeadersSpec<?> call(HttpMethod method, String pathAndQuery, EnvironmentContext context, Object body) {
        return client.call(method, pathAndQuery, context, body);
    }

    JsonNode ok(WebTestClient.RequestHeadersSpec<?> spec, int status) {
        return client.ok(spec, status);
    }

    JsonNode problem(WebTestClient.RequestHeadersSpec<?> spec, int status) {
        return client.problem(spec, status);
    }

    String detail(WebTestClient.RequestHeadersSpec<?> spec, int status) {
        return problem(spec, status).get("detail").asString();
    }

    JsonNode get(String path, EnvironmentContext context) {
        return ok(call(HttpMethod.GET, path, context, null), 200);
    }

    JsonNode createWorkflow(EnvironmentContext context, Map<String, Object> body) {
        return ok(call(HttpMethod.POST, WORKFLOWS, context, body), 201).get("data");
    }

    static Map<String, Object> workflow(String name, Object... steps) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("steps", List.of(steps));
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> inApp(String content) {
        return Map.of("name", "Inbox", "type", "in_app", "template", Map.of("content", content));
    }

    static Map<String, Object> email(String subject, String content, String layoutId) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("subject", subject);
        template.put("content", content);
        if (layoutId != null) {
            template.put("layoutId", layoutId);
        }
        return Map.of("name", "Mail", "type", "email", "template", template);
    }

    static Map<String, Object> layout(String name, String content) {
        return Map.of("name", name, "content", content);
    }

    JsonNode createLayout(EnvironmentContext context, String name) {
        return ok(call(HttpMethod.POST, LAYOUTS, context, layout(name, "<html>{{{body}}} {{footer}}</html>")), 201).get("data");
    }

    JsonNode createGroup(EnvironmentContext context, String name) {
        return ok(call(HttpMethod.POST, GROUPS, context, Map.of("name", name)), 201).get("data");
    }

    long revisions(UUID env) {
        return db.sql("SELECT count(*) AS n FROM content_revisions WHERE environment_id = :env").bind("env", env)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    long revisions(UUID env, String type, String key) {
        return db.sql("SELECT count(*) AS n FROM content_revisions WHERE environment_id = :env AND entity_type = :type AND entity_key = :key")
                .bind("env", env).bind("type", type).bind("key", UUID.fromString(key))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    long outboxRows(UUID env) {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE message_key LIKE :prefix").bind("prefix", env + ":%")
                .map(row -> row.get("n", Long.class)).one().block();
    }

    long rows(String table, UUID env) {
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE environment_id = :env").bind("env", env)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    ContentRevision latest(UUID env, String type, String key) {
        return revisionLog.latest(env, type, UUID.fromString(key)).block();
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.get("_id").asString()));
        return ids;
    }

    // --- workflows -----------------------------------------------------------------------------

    @Test
    void createsListsFetchesUpdatesTogglesAndDeletesAWorkflow() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();

        JsonNode created = createWorkflow(dev, with(with(workflow("Order shipped", inApp("Order {{orderId}} shipped")),
                "tags", List.of("orders")), "description", "Tells the buyer"));
        String id = created.get("_id").asString();
        assertThat(created.get("identifier").asString()).isEqualTo("order-shipped");
        assertThat(created.get("_environmentId").asString()).isEqualTo(org.dev().toString());
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get("critical").asBoolean()).isFalse();
        assertThat(created.get("triggers").get(0).get("identifier").asString()).isEqualTo("order-shipped");
        assertThat(created.get("steps").get(0).get("_id").asString()).isNotBlank();
        assertThat(get(WORKFLOWS + "/" + created.get("_id").asString(), dev).get("data")).isEqualTo(created); // the answer is what is stored

        JsonNode list = get(WORKFLOWS, dev);
        assertThat(ids(list.get("data"))).containsExactly(id);
        assertThat(get(WORKFLOWS + "/" + id, dev).get("data").get("name").asString()).isEqualTo("Order shipped");

        JsonNode updated = ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id, dev,
                Map.of("name", "Order sent", "critical", true)), 200).get("data");
        assertThat(updated.get("name").asString()).isEqualTo("Order sent");
        assertThat(updated.get("critical").asBoolean()).isTrue();
        assertThat(updated.get("identifier").asString()).isEqualTo("order-shipped");
        assertThat(updated.get("tags").get(0).asString()).isEqualTo("orders");
        assertThat(updated.get("steps")).isEqualTo(created.get("steps"));

        JsonNode toggled = ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id + "/status", dev, Map.of("active", false)), 200).get("data");
        assertThat(toggled.get("active").asBoolean()).isFalse();
        assertThat(get(WORKFLOWS + "/" + id, dev).get("data").get("active").asBoolean()).isFalse();
        assertThat(detail(call(HttpMethod.PUT, WORKFLOWS + "/" + id + "/status", dev, Map.of()), 400)).contains("active is required");
        assertThat(revisions(org.dev(), ContentTypes.WORKFLOW, id)).isEqualTo(3);

        JsonNode deleted = ok(call(HttpMethod.DELETE, WORKFLOWS + "/" + id, dev, null), 200).get("data");
        assertThat(deleted.get("acknowledged").asBoolean()).isTrue();
        problem(call(HttpMethod.GET, WORKFLOWS + "/" + id, dev, null), 404);
        problem(call(HttpMethod.DELETE, WORKFLOWS + "/" + id, dev, null), 404);
        assertThat(get(WORKFLOWS, dev).get("totalCount").asLong()).isZero();
    }

    @Test
    void aDeleteAppendsADeletedRevisionKeepingTheLastContent() {
        Org org = Org.random();
        JsonNode created = createWorkflow(org.devContext(), workflow("Gone soon", inApp("bye")));
        String id = created.get("_id").asString();

        ok(call(HttpMethod.DELETE, WORKFLOWS + "/" + id, org.devContext(), null), 200);

        ContentRevision last = latest(org.dev(), ContentTypes.WORKFLOW, id);
        assertThat(last.revision()).isEqualTo(2);
        assertThat(last.deleted()).isTrue();
        assertThat(last.content().get("name").asString()).isEqualTo("Gone soon");
        assertThat(last.actor()).isEqualTo("api_key");
    }

    @Test
    void reportsTheVariablesItsStepsUse() {
        Org org = Org.random();
        String layoutId = createLayout(org.devContext(), "Main").get("_id").asString();

        JsonNode created = createWorkflow(org.devContext(), workflow("Welcome",
                inApp("Hi {{subscriber.firstName}}, {{ company }}"),
                email("Welcome to {{company}}", "<p>{{{greeting}}}</p> {{subscriber.firstName}}", layoutId)));

        List<String> variables = new ArrayList<>();
        created.get("variables").forEach(v -> variables.add(v.get("name").asString()));
        assertThat(variables).containsExactly("subscriber.firstName", "company", "greeting");
        assertThat(created.get("triggers").get(0).get("variables")).isEqualTo(created.get("variables"));
        assertThat(get(WORKFLOWS + "/" + created.get("_id").asString(), org.devContext()).get("data").get("variables"))
                .isEqualTo(created.get("variables"));
        assertThat(created.get("steps").get(1).get("template").get("layoutId").asString()).isEqualTo(layoutId);
    }

    @Test
    void paginatesAndFiltersByNameOrIdentifier() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            created.add(createWorkflow(dev, workflow("Order step " + i, inApp("x"))).get("_id").asString());
        }
        created.add(createWorkflow(dev, with(workflow("Welcome", inApp("x")), "identifier", "hello_user")).get("_id").asString());

        JsonNode first = get(WORKFLOWS + "?page=0&limit=2", dev);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("pageSize").asInt()).isEqualTo(2);
        assertThat(first.get("totalCount").asLong()).isEqualTo(5);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(ids(first.get("data"))).containsExactly(created.get(4), created.get(3)); // newest first

        JsonNode last = get(WORKFLOWS + "?page=2&limit=2", dev);
        assertThat(ids(last.get("data"))).containsExactly(created.get(0));
        assertThat(last.get("hasMore").asBoolean()).isFalse();
        assertThat(get(WORKFLOWS + "?page=3&limit=2", dev).get("data")).isEmpty();

        assertThat(ids(get(WORKFLOWS + "?query=WELCOME", dev).get("data"))).containsExactly(created.get(4));
        assertThat(ids(get(WORKFLOWS + "?query=hello_", dev).get("data"))).containsExactly(created.get(4));
        JsonNode orders = get(WORKFLOWS + "?query=order&limit=3", dev);
        assertThat(orders.get("totalCount").asLong()).isEqualTo(4);
        assertThat(orders.get("data")).hasSize(3);
        assertThat(orders.get("hasMore").asBoolean()).isTrue();
        assertThat(get(WORKFLOWS + "?query=%25", dev).get("totalCount").asLong()).isZero(); // % is literal
        assertThat(get(WORKFLOWS + "?query=r_", dev).get("totalCount").asLong()).isZero(); // _ is literal

        problem(call(HttpMethod.GET, WORKFLOWS + "?limit=0", dev, null), 400);
        problem(call(HttpMethod.GET, WORKFLOWS + "?limit=101", dev, null), 400);
        problem(call(HttpMethod.GET, WORKFLOWS + "?page=-1", dev, null), 400);
        problem(call(HttpMethod.GET, WORKFLOWS + "?page=two", dev, null), 400);
    }

    @Test
    void groupsAndLayoutsListsArePaginatedAndFiltered() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        createGroup(dev, "Billing");
        createGroup(dev, "Marketing");
        createLayout(dev, "Plain");
        ok(call(HttpMethod.POST, LAYOUTS, dev, Map.of("name", "Fancy", "identifier", "brand-x", "content", "{{{body}}}")), 201);

        JsonNode groups = get(GROUPS + "?limit=2", dev);
        assertThat(groups.get("totalCount").asLong()).isEqualTo(3); // General too
        assertThat(groups.get("hasMore").asBoolean()).isTrue();
        assertThat(get(GROUPS + "?query=mark", dev).get("data").get(0).get("name").asString()).isEqualTo("Marketing");
        assertThat(get(GROUPS + "?query=mark", dev).get("totalCount").asLong()).isEqualTo(1);

        assertThat(get(LAYOUTS, dev).get("totalCount").asLong()).isEqualTo(2);
        JsonNode byIdentifier = get(LAYOUTS + "?query=BRAND", dev);
        assertThat(byIdentifier.get("totalCount").asLong()).isEqualTo(1);
        assertThat(byIdentifier.get("data").get(0).get("name").asString()).isEqualTo("Fancy");
    }

    // --- groups ----------------------------------------------------------------------------------

    @Test
    void everyEnvironmentHasAGeneralGroupThatWorkflowsUseByDefault() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();

        JsonNode groups = get(GROUPS, dev).get("data");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("name").asString()).isEqualTo("General");
        String general = groups.get(0).get("_id").asString();
        assertThat(general).isEqualTo(GeneralGroup.keyFor(org.id()).toString());
        assertThat(get(GROUPS + "/" + general, dev).get("data").get("name").asString()).isEqualTo("General");

        JsonNode created = createWorkflow(dev, workflow("Defaulted", inApp("x")));
        assertThat(created.get("_notificationGroupId").asString()).isEqualTo(general);
        assertThat(get(GROUPS, dev).get("data")).hasSize(1); // listing again makes no second General
        assertThat(revisions(org.dev(), ContentTypes.NOTIFICATION_GROUP, general)).isEqualTo(1);

        // a fresh environment gets General when its first workflow is created, before any list
        Org other = Org.random();
        JsonNode first = createWorkflow(other.devContext(), workflow("First", inApp("x")));
        assertThat(first.get("_notificationGroupId").asString()).isEqualTo(GeneralGroup.keyFor(other.id()).toString());
    }

    @Test
    void createsRenamesAndDeletesGroupsButNotWhileAWorkflowUsesOne() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();

        JsonNode marketing = createGroup(dev, "Marketing");
        String id = marketing.get("_id").asString();
        assertThat(get(GROUPS + "/" + id, dev).get("data")).isEqualTo(marketing); // the answer is what is stored
        JsonNode sameName = ok(call(HttpMethod.PATCH, GROUPS + "/" + id, dev, Map.of("name", "Marketing")), 200).get("data");
        assertThat(sameName.get("updatedAt").asString()).isEqualTo(marketing.get("updatedAt").asString());
        assertThat(detail(call(HttpMethod.POST, GROUPS, dev, Map.of("name", "marketing")), 409)).contains("already exists");
        assertThat(detail(call(HttpMethod.POST, GROUPS, dev, Map.of("name", " ")), 400)).contains("name is required");

        JsonNode renamed = ok(call(HttpMethod.PATCH, GROUPS + "/" + id, dev, Map.of("name", "Promotions")), 200).get("data");
        assertThat(renamed.get("name").asString()).isEqualTo("Promotions");
        assertThat(get(GROUPS + "/" + id, dev).get("data").get("name").asString()).isEqualTo("Promotions");
        assertThat(detail(call(HttpMethod.PATCH, GROUPS + "/" + id, dev, Map.of("name", "General")), 409)).contains("already exists");

        String workflowId = createWorkflow(dev, with(workflow("Sale", inApp("x")), "notificationGroupId", id)).get("_id").asString();
        assertThat(detail(call(HttpMethod.DELETE, GROUPS + "/" + id, dev, null), 409)).contains("used by 1 workflow");
        assertThat(get(GROUPS + "/" + id, dev).get("data").get("name").asString()).isEqualTo("Promotions");

        ok(call(HttpMethod.PUT, WORKFLOWS + "/" + workflowId, dev,
                Map.of("notificationGroupId", GeneralGroup.keyFor(org.id()).toString())), 200);
        ok(call(HttpMethod.DELETE, GROUPS + "/" + id, dev, null), 200);
        problem(call(HttpMethod.GET, GROUPS + "/" + id, dev, null), 404);

        ContentRevision last = latest(org.dev(), ContentTypes.NOTIFICATION_GROUP, id);
        assertThat(last.revision()).isEqualTo(3);
        assertThat(last.deleted()).isTrue();
    }

    // --- layouts ---------------------------------------------------------------------------------

    @Test
    void keepsExactlyOneDefaultLayout() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();

        JsonNode first = createLayout(dev, "First");
        assertThat(first.get("isDefault").asBoolean()).isTrue();
        assertThat(first.get("identifier").asString()).isEqualTo("first");
        assertThat(get(LAYOUTS + "/" + first.get("_id").asString(), dev).get("data")).isEqualTo(first); // the answer is what is stored
        assertThat(first.get("variables").get(0).get("name").asString()).isEqualTo("footer");
        JsonNode second = createLayout(dev, "Second");
        assertThat(second.get("isDefault").asBoolean()).isFalse();
        String firstId = first.get("_id").asString();
        String secondId = second.get("_id").asString();

        JsonNode moved = ok(call(HttpMethod.POST, LAYOUTS + "/" + secondId + "/default", dev, null), 200).get("data");
        assertThat(moved.get("isDefault").asBoolean()).isTrue();
        assertThat(get(LAYOUTS + "/" + firstId, dev).get("data").get("isDefault").asBoolean()).isFalse();
        assertThat(latest(org.dev(), ContentTypes.LAYOUT, firstId).content().get("isDefault").asBoolean()).isFalse();
        assertThat(defaults(dev)).containsExactly(secondId);

        JsonNode third = ok(call(HttpMethod.POST, LAYOUTS, dev,
                Map.of("name", "Third", "content", "{{{body}}}", "isDefault", true)), 201).get("data");
        assertThat(third.get("isDefault").asBoolean()).isTrue();
        assertThat(defaults(dev)).containsExactly(third.get("_id").asString());
        ok(call(HttpMethod.POST, LAYOUTS + "/" + secondId + "/default", dev, null), 200);
        assertThat(defaults(dev)).containsExactly(secondId);

        assertThat(detail(call(HttpMethod.DELETE, LAYOUTS + "/" + secondId, dev, null), 409)).contains("default");
        assertThat(get(LAYOUTS + "/" + secondId, dev).get("data").get("isDefault").asBoolean()).isTrue();
        ok(call(HttpMethod.DELETE, LAYOUTS + "/" + firstId, dev, null), 200);
        ok(call(HttpMethod.DELETE, LAYOUTS + "/" + third.get("_id").asString(), dev, null), 200);
        ok(call(HttpMethod.DELETE, LAYOUTS + "/" + secondId, dev, null), 200); // the last one may go
        assertThat(get(LAYOUTS, dev).get("totalCount").asLong()).isZero();
        assertThat(latest(org.dev(), ContentTypes.LAYOUT, secondId).deleted()).isTrue();
    }

    List<String> defaults(EnvironmentContext context) {
        List<String> defaults = new ArrayList<>();
        get(LAYOUTS + "?limit=100", context).get("data").forEach(l -> {
            if (l.get("isDefault").asBoolean()) {
                defaults.add(l.get("_id").asString());
            }
        });
        return defaults;
    }

    @Test
    void patchesALayoutAndRefusesContentWithoutBody() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String id = createLayout(dev, "Main").get("_id").asString();

        assertThat(detail(call(HttpMethod.POST, LAYOUTS, dev, layout("NoBody", "<html>{{body}}</html>")), 400)).contains("{{{body}}}");
        assertThat(detail(call(HttpMethod.PATCH, LAYOUTS + "/" + id, dev, Map.of("content", "<p>nothing</p>")), 400)).contains("{{{body}}}");
        assertThat(detail(call(HttpMethod.PATCH, LAYOUTS + "/" + id, dev, Map.of("isDefault", false)), 400)).contains("/default");
        assertThat(detail(call(HttpMethod.POST, LAYOUTS, dev, layout("Main", "{{{body}}}")), 409)).contains("identifier 'main'");
        assertThat(detail(call(HttpMethod.POST, LAYOUTS, dev, layout("Broken", "{{{body}}} {{oops")), 400)).contains("does not parse");

        JsonNode patched = ok(call(HttpMethod.PATCH, LAYOUTS + "/" + id, dev, Map.of("content", "<main>{{{body}}}</main>")), 200).get("data");
        assertThat(patched.get("content").asString()).isEqualTo("<main>{{{body}}}</main>");
        assertThat(patched.get("name").asString()).isEqualTo("Main");
        assertThat(patched.get("isDefault").asBoolean()).isTrue();
        assertThat(revisions(org.dev(), ContentTypes.LAYOUT, id)).isEqualTo(2);
    }

    @Test
    void refusesToDeleteALayoutAWorkflowUses() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String used = createLayout(dev, "Used").get("_id").asString();
        createWorkflow(dev, workflow("Mailer", email("Hi", "Body", used)));

        assertThat(detail(call(HttpMethod.DELETE, LAYOUTS + "/" + used, dev, null), 409)).contains("used by 1");
        assertThat(get(LAYOUTS + "/" + used, dev).get("data").get("_id").asString()).isEqualTo(used);
    }

    // --- validation --------------------------------------------------------------------------------

    @Test
    void answersAClearClientErrorForEveryKindOfBadInput() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        createWorkflow(dev, with(workflow("Taken", inApp("x")), "identifier", "taken"));
        long revisionsBefore = revisions(org.dev());

        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev, with(workflow("Other", inApp("x")), "identifier", "taken")), 409))
                .contains("identifier 'taken' already exists");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev,
                with(workflow("Grouped", inApp("x")), "notificationGroupId", UUID.randomUUID().toString())), 404))
                .contains("notification group");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev,
                workflow("Laid out", email("Hi", "Body", UUID.randomUUID().toString()))), 404)).contains("layout");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev, workflow("Broken", inApp("Hi {{name"))), 400))
                .contains("steps[0].template.content does not parse").contains("position 3");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev, workflow("Broken subject", email("Hi }}", "x", null))), 400))
                .contains("steps[0].template.subject does not parse");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev,
                workflow("Faxed", Map.of("type", "fax", "template", Map.of("content", "x")))), 400))
                .contains("'fax' is not a step type").contains("in_app, email, sms, chat, push, digest, delay");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev, workflow("Huge", inApp("x".repeat(70_000)))), 400))
                .contains("70000 characters").contains("the limit is 65536");
        assertThat(detail(call(HttpMethod.POST, LAYOUTS, dev, layout("Huge", "{{{body}}}" + "x".repeat(70_000))), 400))
                .contains("the limit is 65536");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev, Map.of("name", " ")), 400)).contains("name is required");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev, Map.of("name", "x", "colour", "red")), 400)).contains("colour");
        assertThat(detail(call(HttpMethod.POST, WORKFLOWS, dev,
                with(workflow("Bad group id", inApp("x")), "notificationGroupId", "nope")), 400)).contains("notificationGroupId");
        problem(call(HttpMethod.POST, WORKFLOWS, dev, null), 400);

        // nothing of any refused request was written
        assertThat(revisions(org.dev())).isEqualTo(revisionsBefore);
        assertThat(get(WORKFLOWS, dev).get("totalCount").asLong()).isEqualTo(1);
        assertThat(get(LAYOUTS, dev).get("totalCount").asLong()).isZero();
    }

    @Test
    void aMalformedIdInAPathIsNotFound() {
        EnvironmentContext dev = Org.random().devContext();
        for (String base : List.of(WORKFLOWS, GROUPS, LAYOUTS)) {
            assertThat(detail(call(HttpMethod.GET, base + "/not-a-uuid", dev, null), 404)).contains("not-a-uuid");
        }
        problem(call(HttpMethod.PUT, WORKFLOWS + "/123", dev, Map.of("name", "x")), 404);
        problem(call(HttpMethod.PUT, WORKFLOWS + "/123/status", dev, Map.of("active", true)), 404);
        problem(call(HttpMethod.DELETE, WORKFLOWS + "/123", dev, null), 404);
        problem(call(HttpMethod.PATCH, GROUPS + "/123", dev, Map.of("name", "x")), 404);
        problem(call(HttpMethod.DELETE, GROUPS + "/123", dev, null), 404);
        problem(call(HttpMethod.PATCH, LAYOUTS + "/123", dev, Map.of("name", "x")), 404);
        problem(call(HttpMethod.POST, LAYOUTS + "/123/default", dev, null), 404);
        problem(call(HttpMethod.DELETE, LAYOUTS + "/123", dev, null), 404);
    }

    @Test
    void idsOfAnotherEnvironmentOrOrganizationAreNotFound() {
        Org org = Org.random();
        Org stranger = Org.random();
        EnvironmentContext dev = org.devContext();
        String foreignGroup = createGroup(stranger.devContext(), "Theirs").get("_id").asString();
        String foreignLayout = createLayout(stranger.devContext(), "Theirs").get("_id").asString();
        String foreignWorkflow = createWorkflow(stranger.devContext(), workflow("Theirs", inApp("x"))).get("_id").asString();
        long strangerRevisions = revisions(stranger.dev());

        problem(call(HttpMethod.POST, WORKFLOWS, dev, with(workflow("Mine", inApp("x")), "notificationGroupId", foreignGroup)), 404);
        problem(call(HttpMethod.POST, WORKFLOWS, dev, workflow("Mine", email("Hi", "x", foreignLayout))), 404);
        // the stranger's own General group is not this organization's General either
        problem(call(HttpMethod.POST, WORKFLOWS, dev, with(workflow("Mine", inApp("x")), "notificationGroupId",
                GeneralGroup.keyFor(stranger.id()).toString())), 404);

        problem(call(HttpMethod.GET, WORKFLOWS + "/" + foreignWorkflow, dev, null), 404);
        problem(call(HttpMethod.PUT, WORKFLOWS + "/" + foreignWorkflow, dev, Map.of("name", "Hijacked")), 404);
        problem(call(HttpMethod.PUT, WORKFLOWS + "/" + foreignWorkflow + "/status", dev, Map.of("active", false)), 404);
        problem(call(HttpMethod.DELETE, WORKFLOWS + "/" + foreignWorkflow, dev, null), 404);
        problem(call(HttpMethod.GET, GROUPS + "/" + foreignGroup, dev, null), 404);
        problem(call(HttpMethod.PATCH, GROUPS + "/" + foreignGroup, dev, Map.of("name", "Hijacked")), 404);
        problem(call(HttpMethod.DELETE, GROUPS + "/" + foreignGroup, dev, null), 404);
        problem(call(HttpMethod.GET, LAYOUTS + "/" + foreignLayout, dev, null), 404);
        problem(call(HttpMethod.PATCH, LAYOUTS + "/" + foreignLayout, dev, Map.of("name", "Hijacked")), 404);
        problem(call(HttpMethod.POST, LAYOUTS + "/" + foreignLayout + "/default", dev, null), 404);
        problem(call(HttpMethod.DELETE, LAYOUTS + "/" + foreignLayout, dev, null), 404);
        // the production of the same organization does not see development's ids either
        problem(call(HttpMethod.GET, WORKFLOWS + "/" + foreignWorkflow, stranger.prodContext(), null), 404);

        assertThat(revisions(stranger.dev())).isEqualTo(strangerRevisions);
        JsonNode theirs = get(WORKFLOWS + "/" + foreignWorkflow, stranger.devContext()).get("data");
        assertThat(theirs.get("name").asString()).isEqualTo("Theirs");
        assertThat(theirs.get("active").asBoolean()).isTrue();
    }

    // --- production is read-only ---------------------------------------------------------------------

    @Test
    void everyWriteRouteIsForbiddenInAReadOnlyEnvironmentAndWritesNothing() {
        Org org = Org.random();
        // real production content, put there the only legitimate way: by the promotion seam
        String groupId = createGroup(org.devContext(), "Ops").get("_id").asString();
        String layoutId = createLayout(org.devContext(), "Main").get("_id").asString();
        String workflowId = createWorkflow(org.devContext(),
                with(workflow("Alert", email("Hi", "x", layoutId)), "notificationGroupId", groupId)).get("_id").asString();
        applier.apply(org.prodAuthor(), List.of(pinned(org.dev(), ContentTypes.NOTIFICATION_GROUP, groupId),
                pinned(org.dev(), ContentTypes.LAYOUT, layoutId), pinned(org.dev(), ContentTypes.WORKFLOW, workflowId))).block();
        long prodRevisions = revisions(org.prod());
        assertThat(prodRevisions).isEqualTo(3);
        EnvironmentContext prod = org.prodContext();
        String layoutBody = "<b>{{{body}}}</b>";

        List<WebTestClient.RequestHeadersSpec<?>> writes = List.of(
                call(HttpMethod.POST, WORKFLOWS, prod, workflow("New", inApp("x"))),
                call(HttpMethod.PUT, WORKFLOWS + "/" + workflowId, prod, Map.of("name", "Changed")),
                call(HttpMethod.PUT, WORKFLOWS + "/" + workflowId + "/status", prod, Map.of("active", false)),
                call(HttpMethod.DELETE, WORKFLOWS + "/" + workflowId, prod, null),
                call(HttpMethod.POST, GROUPS, prod, Map.of("name", "New")),
                call(HttpMethod.PATCH, GROUPS + "/" + groupId, prod, Map.of("name", "Changed")),
                call(HttpMethod.DELETE, GROUPS + "/" + groupId, prod, null),
                call(HttpMethod.POST, LAYOUTS, prod, layout("New", layoutBody)),
                call(HttpMethod.PATCH, LAYOUTS + "/" + layoutId, prod, Map.of("content", layoutBody)),
                call(HttpMethod.POST, LAYOUTS + "/" + layoutId + "/default", prod, null),
                call(HttpMethod.DELETE, LAYOUTS + "/" + layoutId, prod, null),
                // unknown and malformed ids are refused as writes too, before any lookup
                call(HttpMethod.PUT, WORKFLOWS + "/" + UUID.randomUUID(), prod, Map.of("name", "x")),
                call(HttpMethod.DELETE, LAYOUTS + "/not-a-uuid", prod, null));
        for (WebTestClient.RequestHeadersSpec<?> write : writes) {
            assertThat(detail(write, 403)).contains("read-only").contains("promote");
        }

        assertThat(revisions(org.prod())).isEqualTo(prodRevisions);
        assertThat(rows("workflows", org.prod())).isEqualTo(1);
        assertThat(rows("layouts", org.prod())).isEqualTo(1);
        JsonNode workflow = get(WORKFLOWS + "/" + workflowId, prod).get("data");
        assertThat(workflow.get("name").asString()).isEqualTo("Alert");
        assertThat(workflow.get("active").asBoolean()).isTrue();
        assertThat(get(GROUPS + "/" + groupId, prod).get("data").get("name").asString()).isEqualTo("Ops");
        assertThat(get(LAYOUTS + "/" + layoutId, prod).get("data").get("content").asString()).isEqualTo("<html>{{{body}}} {{footer}}</html>");
    }

    // --- isolation ---------------------------------------------------------------------------------------

    @Test
    void whatDevelopmentCreatesIsInvisibleInProductionAndInOtherOrganizations() {
        Org org = Org.random();
        Org other = Org.random();
        String layoutId = createLayout(org.devContext(), "Main").get("_id").asString();
        String groupId = createGroup(org.devContext(), "Ops").get("_id").asString();
        String workflowId = createWorkflow(org.devContext(), workflow("Secret", inApp("x"))).get("_id").asString();

        for (EnvironmentContext outsider : List.of(org.prodContext(), other.devContext(), other.prodContext())) {
            JsonNode workflows = get(WORKFLOWS, outsider);
            assertThat(workflows.get("data")).isEmpty();
            assertThat(workflows.get("totalCount").asLong()).isZero();
            assertThat(get(LAYOUTS, outsider).get("data")).isEmpty();
            assertThat(get(WORKFLOWS + "?query=secret", outsider).get("data")).isEmpty();
            problem(call(HttpMethod.GET, WORKFLOWS + "/" + workflowId, outsider, null), 404);
            problem(call(HttpMethod.GET, LAYOUTS + "/" + layoutId, outsider, null), 404);
            problem(call(HttpMethod.GET, GROUPS + "/" + groupId, outsider, null), 404);
            assertThat(get(GROUPS, outsider).toString()).doesNotContain(groupId).doesNotContain("Ops");
        }
        assertThat(get(WORKFLOWS, org.devContext()).get("totalCount").asLong()).isEqualTo(1);
        // the same identifier is free in another environment
        createWorkflow(other.devContext(), workflow("Secret", inApp("x")));
    }

    // --- revisions, outbox, Kafka -----------------------------------------------------------------------

    @Test
    void theRevisionAndItsOutboxRowAreWrittenTogetherOrNotAtAll() {
        Org org = Org.random();
        relay.stop(); // keep outbox rows in place to count them
        try {
            relay.drain().block();

            String id = createWorkflow(org.devContext(), with(workflow("Atomic", inApp("x")), "identifier", "atomic"))
                    .get("_id").asString();
            // General and the workflow: one revision and one outbox row each, committed together
            assertThat(revisions(org.dev())).isEqualTo(2);
            assertThat(outboxRows(org.dev())).isEqualTo(2);
            assertThat(latest(org.dev(), ContentTypes.WORKFLOW, id).revision()).isEqualTo(1);
            String payload = db.sql("SELECT payload FROM outbox WHERE message_key = :key")
                    .bind("key", org.dev() + ":workflow:" + id).map(row -> row.get("payload", String.class)).one().block();
            assertThat(json.readTree(payload).get("revision").asLong()).isEqualTo(1);

            // a refused request leaves neither a revision nor an outbox row
            problem(call(HttpMethod.POST, WORKFLOWS, org.devContext(), with(workflow("Again", inApp("x")), "identifier", "atomic")), 409);
            problem(call(HttpMethod.PUT, WORKFLOWS + "/" + id, org.devContext(), Map.of("steps", List.of(inApp("{{broken")))), 400);
            assertThat(revisions(org.dev())).isEqualTo(2);
            assertThat(outboxRows(org.dev())).isEqualTo(2);

            ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id, org.devContext(), Map.of("name", "Atomic 2")), 200);
            assertThat(revisions(org.dev())).isEqualTo(3);
            assertThat(outboxRows(org.dev())).isEqualTo(3);
        } finally {
            relay.start();
        }
    }

    @Test
    void whenTheOutboxWriteFailsNeitherTheEntityNorItsRevisionIsKept() {
        Org org = Org.random();
        String id = createWorkflow(org.devContext(), workflow("Stable", inApp("x"))).get("_id").asString();
        long before = revisions(org.dev());
        db.sql("CREATE OR REPLACE FUNCTION template_it_refuse() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.message_key LIKE '" + org.dev() + ":%' THEN RAISE EXCEPTION 'outbox refused by test'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql").then().block();
        db.sql("CREATE TRIGGER template_it_refuse BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION template_it_refuse()")
                .then().block();
        try {
            call(HttpMethod.POST, WORKFLOWS, org.devContext(), workflow("Doomed", inApp("x"))).exchange()
                    .expectStatus().is5xxServerError();
            call(HttpMethod.PUT, WORKFLOWS + "/" + id, org.devContext(), Map.of("name", "Renamed")).exchange()
                    .expectStatus().is5xxServerError();
            call(HttpMethod.POST, LAYOUTS, org.devContext(), layout("Doomed", "{{{body}}}")).exchange()
                    .expectStatus().is5xxServerError();
        } finally {
            db.sql("DROP TRIGGER template_it_refuse ON outbox").then().block();
        }
        assertThat(revisions(org.dev())).isEqualTo(before);
        assertThat(rows("workflows", org.dev())).isEqualTo(1);
        assertThat(rows("layouts", org.dev())).isZero();
        assertThat(get(WORKFLOWS + "/" + id, org.devContext()).get("data").get("name").asString()).isEqualTo("Stable");
    }

    @Test
    void anIdenticalSaveAddsNoRevision() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String layoutId = createLayout(dev, "Main").get("_id").asString();
        Map<String, Object> body = with(with(workflow("Same", inApp("Hi {{name}}"), email("S {{x}}", "B", layoutId)),
                "tags", List.of("a", "b")), "description", "desc");
        JsonNode created = createWorkflow(dev, body);
        String id = created.get("_id").asString();

        JsonNode firstPut = ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id, dev, body), 200).get("data");
        JsonNode secondPut = ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id, dev, body), 200).get("data");
        ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id + "/status", dev, Map.of("active", true)), 200);

        assertThat(revisions(org.dev(), ContentTypes.WORKFLOW, id)).isEqualTo(1);
        assertThat(firstPut.get("updatedAt").asString()).isEqualTo(created.get("updatedAt").asString());
        assertThat(secondPut.get("updatedAt").asString()).isEqualTo(created.get("updatedAt").asString());
        assertThat(secondPut.get("steps")).isEqualTo(created.get("steps"));

        String layoutUpdatedAt = get(LAYOUTS + "/" + layoutId, dev).get("data").get("updatedAt").asString();
        JsonNode samePatch = ok(call(HttpMethod.PATCH, LAYOUTS + "/" + layoutId, dev, Map.of("name", "Main")), 200).get("data");
        ok(call(HttpMethod.POST, LAYOUTS + "/" + layoutId + "/default", dev, null), 200);
        assertThat(revisions(org.dev(), ContentTypes.LAYOUT, layoutId)).isEqualTo(1);
        assertThat(samePatch.get("updatedAt").asString()).isEqualTo(layoutUpdatedAt);
        String general = GeneralGroup.keyFor(org.id()).toString();
        ok(call(HttpMethod.PATCH, GROUPS + "/" + general, dev, Map.of("name", "General")), 200);
        assertThat(revisions(org.dev(), ContentTypes.NOTIFICATION_GROUP, general)).isEqualTo(1);

        // a real change, then back: two new revisions
        ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id, dev, Map.of("name", "Different")), 200);
        ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id, dev, body), 200);
        assertThat(revisions(org.dev(), ContentTypes.WORKFLOW, id)).isEqualTo(3);
        assertThat(storedHash(org.dev(), id, 3)).isEqualTo(storedHash(org.dev(), id, 1)).isNotEqualTo(storedHash(org.dev(), id, 2));
    }

    @Test
    void revisionEventsReachKafka() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        try (KafkaProbe probe = new KafkaProbe(Topics.CONTENT_REVISIONS)) {
            String id = createWorkflow(dev, workflow("Published", inApp("x"))).get("_id").asString();
            ok(call(HttpMethod.PUT, WORKFLOWS + "/" + id, dev, Map.of("name", "Published again")), 200);
            ok(call(HttpMethod.DELETE, WORKFLOWS + "/" + id, dev, null), 200);
            String key = org.dev() + ":workflow:" + id;

            JsonNode first = event(probe, key, 1);
            assertThat(first.get("type").asString()).isEqualTo("workflow");
            assertThat(first.get("key").asString()).isEqualTo(id);
            assertThat(first.get("organizationId").asString()).isEqualTo(org.id().toString());
            assertThat(first.get("environmentId").asString()).isEqualTo(org.dev().toString());
            assertThat(first.get("deleted").asBoolean()).isFalse();
            assertThat(first.get("name").asString()).isEqualTo("Published");
            assertThat(first.get("contentHash").asString()).isEqualTo(storedHash(org.dev(), id, 1));
            assertThat(first.get("content").get("identifier").asString()).isEqualTo("published");

            JsonNode second = event(probe, key, 2);
            assertThat(second.get("name").asString()).isEqualTo("Published again");
            assertThat(second.get("contentHash").asString()).isEqualTo(storedHash(org.dev(), id, 2)).isNotEqualTo(first.get("contentHash").asString());

            JsonNode third = event(probe, key, 3);
            assertThat(third.get("deleted").asBoolean()).isTrue();
            assertThat(third.get("contentHash").asString()).isEqualTo(second.get("contentHash").asString());

            String generalKey = org.dev() + ":notification_group:" + GeneralGroup.keyFor(org.id());
            assertThat(event(probe, generalKey, 1).get("name").asString()).isEqualTo("General");
        }
    }

    JsonNode event(KafkaProbe probe, String key, long revision) {
        ConsumerRecord<String, String> record = probe.await(
                r -> key.equals(r.key()) && json.readTree(r.value()).get("revision").asLong() == revision, Duration.ofSeconds(20));
        assertThat(record).as("revision %s of %s on %s", revision, key, Topics.CONTENT_REVISIONS).isNotNull();
        return json.readTree(record.value());
    }

    String storedHash(UUID env, String key, long revision) {
        return db.sql("SELECT content_hash FROM content_revisions WHERE environment_id = :env AND entity_key = :key AND revision = :rev")
                .bind("env", env).bind("key", UUID.fromString(key)).bind("rev", revision)
                .map(row -> row.get("content_hash", String.class)).one().block();
    }

    // --- promotion seam --------------------------------------------------------------------------------

    PinnedRevision pinned(UUID env, String type, String key) {
        ContentRevision revision = latest(env, type, key);
        return new PinnedRevision(type, revision.key(), revision.revision(), (ObjectNode) revision.content(), revision.deleted());
    }

    @Test
    void theApplierPutsAGroupALayoutAndAWorkflowIntoProductionInOneCall() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String groupId = createGroup(dev, "Ops").get("_id").asString();
        String layoutId = createLayout(dev, "Main").get("_id").asString();
        JsonNode workflow = createWorkflow(dev, with(workflow("Alert", inApp("Hi {{name}}"), email("S", "B", layoutId)),
                "notificationGroupId", groupId));
        String workflowId = workflow.get("_id").asString();

        // workflow first: the applier orders groups and layouts before what references them
        applier.apply(org.prodAuthor(), List.of(pinned(org.dev(), ContentTypes.WORKFLOW, workflowId),
                pinned(org.dev(), ContentTypes.LAYOUT, layoutId), pinned(org.dev(), ContentTypes.NOTIFICATION_GROUP, groupId))).block();

        EnvironmentContext prod = org.prodContext();
        JsonNode prodWorkflows = get(WORKFLOWS, prod).get("data");
        assertThat(ids(prodWorkflows)).containsExactly(workflowId);
        assertThat(prodWorkflows.get(0).get("steps")).isEqualTo(workflow.get("steps"));
        assertThat(prodWorkflows.get(0).get("_environmentId").asString()).isEqualTo(org.prod().toString());
        assertThat(ids(get(LAYOUTS, prod).get("data"))).containsExactly(layoutId);
        assertThat(get(GROUPS + "/" + groupId, prod).get("data").get("name").asString()).isEqualTo("Ops");

        for (String[] item : List.of(new String[] {ContentTypes.WORKFLOW, workflowId}, new String[] {ContentTypes.LAYOUT, layoutId},
                new String[] {ContentTypes.NOTIFICATION_GROUP, groupId})) {
            ContentRevision inProd = latest(org.prod(), item[0], item[1]);
            assertThat(inProd).as(item[0]).isNotNull();
            assertThat(inProd.revision()).isEqualTo(1);
            assertThat(inProd.contentHash()).isEqualTo(latest(org.dev(), item[0], item[1]).contentHash());
        }
        // applying the same revisions again changes nothing
        applier.apply(org.prodAuthor(), List.of(pinned(org.dev(), ContentTypes.WORKFLOW, workflowId))).block();
        assertThat(revisions(org.prod(), ContentTypes.WORKFLOW, workflowId)).isEqualTo(1);

        // a deleted revision removes the production copy and records the delete
        ok(call(HttpMethod.DELETE, WORKFLOWS + "/" + workflowId, dev, null), 200);
        applier.apply(org.prodAuthor(), List.of(pinned(org.dev(), ContentTypes.WORKFLOW, workflowId))).block();
        problem(call(HttpMethod.GET, WORKFLOWS + "/" + workflowId, prod, null), 404);
        assertThat(latest(org.prod(), ContentTypes.WORKFLOW, workflowId).deleted()).isTrue();
    }

    @Test
    void aBatchWithAnItemOfAnUnknownTypeAppliesNothing() {
        Org org = Org.random();
        EnvironmentContext dev = org.devContext();
        String groupId = createGroup(dev, "Ops").get("_id").asString();
        String layoutId = createLayout(dev, "Main").get("_id").asString();
        String workflowId = createWorkflow(dev, with(workflow("Alert", inApp("x")), "notificationGroupId", groupId)).get("_id").asString();
        ObjectNode brand = json.createObjectNode().put("name", "Brand").put("color", "#fff");

        assertThatThrownBy(() -> applier.apply(org.prodAuthor(), List.of(pinned(org.dev(), ContentTypes.NOTIFICATION_GROUP, groupId),
                pinned(org.dev(), ContentTypes.LAYOUT, layoutId), pinned(org.dev(), ContentTypes.WORKFLOW, workflowId),
                new PinnedRevision("brand", UUID.randomUUID(), 1, brand, false))).block())
                .hasMessageContaining("brand");

        assertThat(revisions(org.prod())).isZero();
        assertThat(rows("workflows", org.prod())).isZero();
        assertThat(rows("layouts", org.prod())).isZero();
        assertThat(rows("notification_groups", org.prod())).isZero();
    }
}
