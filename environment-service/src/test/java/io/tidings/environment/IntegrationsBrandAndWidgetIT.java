package io.tidings.environment;

import io.tidings.environment.brand.BrandContent;
import io.tidings.environment.promotion.ContentApplier;
import io.tidings.platform.promotion.PinnedRevision;
import io.tidings.environment.widget.SubscriberHash;
import io.tidings.platform.content.ContentRevision;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.test.KafkaProbe;
import io.tidings.platform.test.SignedClient;
import io.tidings.platform.test.TestInfrastructure;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Integrations, brand and widget settings, against a real PostgreSQL and Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntegrationsBrandAndWidgetIT {

    static final String SENDGRID_KEY = "SG.very-secret-sendgrid-key-1234";
    static final String WEBHOOK_URL = "https://hooks.example.com/services/T000/B000/secret-path-token";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "environment_features_it");
        registry.add("tidings.promotion.listen", () -> "false"); // the promotion IT takes the saga commands
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
    ContentApplier applier;
    @Autowired
    RevisionLog revisions;

    final JsonMapper json = JsonMapper.builder().build();
    SignedClient client;

    @BeforeEach
    void client() {
        client = new SignedClient(port, codec);
    }

    // --- helpers -----------------------------------------------------------------------------

    WebTestClient.RequestHeadersSpec<?> call(HttpMethod method, String path, EnvironmentContext context, Object body) {
        return client.call(method, path, context, body);
    }

    JsonNode ok(WebTestClient.RequestHeadersSpec<?> spec, int status) {
        return client.ok(spec, status);
    }

    JsonNode problem(WebTestClient.RequestHeadersSpec<?> spec, int status) {
        return client.problem(spec, status);
    }

    record Org(UUID id, UUID dev, UUID prod) {
        EnvironmentContext devContext() {
            return EnvironmentContext.apiKey(id, dev, EnvironmentKind.DEVELOPMENT, null, prod);
        }

        EnvironmentContext prodContext() {
            return EnvironmentContext.apiKey(id, prod, EnvironmentKind.PRODUCTION, dev, null);
        }
    }

    Org org(String name) {
        JsonNode data = ok(call(HttpMethod.POST, "/v1/organizations", EnvironmentContext.admin(), Map.of("name", name)), 201).get("data");
        JsonNode envs = data.get("environments");
        return new Org(UUID.fromString(data.get("_id").asString()), UUID.fromString(envs.get(0).get("_id").asString()),
                UUID.fromString(envs.get(1).get("_id").asString()));
    }

    static Map<String, Object> sendgrid(String name) {
        return Map.of("providerId", "sendgrid", "channel", "email", "name", name,
                "credentials", Map.of("apiKey", SENDGRID_KEY, "from", "no-reply@example.com"), "active", true);
    }

    static Map<String, Object> webhook(String channel, boolean active) {
        return Map.of("providerId", "webhook", "channel", channel, "credentials", Map.of("url", WEBHOOK_URL), "active", active);
    }

    JsonNode create(EnvironmentContext context, Map<String, Object> body) {
        return ok(call(HttpMethod.POST, "/v1/integrations", context, body), 201).get("data");
    }

    long count(String sql, UUID env) {
        return db.sql(sql).bind("env", env).map(row -> row.get(0, Long.class)).one().block();
    }

    long integrations(UUID env) {
        return count("SELECT count(*) FROM integrations WHERE environment_id = :env", env);
    }

    long brandRevisions(UUID env) {
        return count("SELECT count(*) FROM content_revisions WHERE environment_id = :env AND entity_type = 'brand'", env);
    }

    // --- integrations -------------------------------------------------------------------------

    @Test
    void createsListsUpdatesAndDeletesIntegrationsAnsweringCredentialsMasked() {
        Org org = org("Integrations");

        JsonNode created = create(org.devContext(), sendgrid("Mail"));
        String id = created.get("_id").asString();
        assertThat(created.get("providerId").asString()).isEqualTo("sendgrid");
        assertThat(created.get("channel").asString()).isEqualTo("email");
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get("credentials").get("apiKey").asString()).isEqualTo("****1234");
        assertThat(created.get("credentials").get("from").asString()).isEqualTo("****.com");
        assertThat(created.toString()).doesNotContain(SENDGRID_KEY);

        JsonNode hook = create(org.devContext(), webhook("chat", true));
        assertThat(hook.get("credentials").get("url").asString()).isEqualTo("https://hooks.example.com/****");
        assertThat(hook.get("name").asString()).isEqualTo("webhook");

        JsonNode page = ok(call(HttpMethod.GET, "/v1/integrations", org.devContext(), null), 200);
        assertThat(page.get("totalCount").asLong()).isEqualTo(2);
        assertThat(page.get("data")).extracting(i -> i.get("_id").asString()).containsExactly(id, hook.get("_id").asString());
        assertThat(page.toString()).doesNotContain(SENDGRID_KEY).doesNotContain("secret-path-token");

        JsonNode updated = ok(call(HttpMethod.PUT, "/v1/integrations/" + id, org.devContext(),
                Map.of("name", "Transactional mail", "active", false, "credentials", Map.of("apiKey", "SG.rotated-key-abcdefgh"))), 200)
                .get("data");
        assertThat(updated.get("name").asString()).isEqualTo("Transactional mail");
        assertThat(updated.get("active").asBoolean()).isFalse();
        assertThat(updated.get("credentials").get("apiKey").asString()).isEqualTo("****efgh");
        assertThat(updated.get("credentials").has("from")).isFalse(); // credentials are replaced as a whole

        assertThat(ok(call(HttpMethod.DELETE, "/v1/integrations/" + id, org.devContext(), null), 200)
                .get("data").get("acknowledged").asBoolean()).isTrue();
        problem(call(HttpMethod.DELETE, "/v1/integrations/" + id, org.devContext(), null), 404);
        assertThat(integrations(org.dev())).isEqualTo(1);
    }

    @Test
    void aMaskedCredentialSentBackKeepsTheStoredSecret() {
        Org org = org("Echo");
        JsonNode created = create(org.devContext(), sendgrid("Mail"));
        String id = created.get("_id").asString();
        Map<String, String> asShown = Map.of("apiKey", created.get("credentials").get("apiKey").asString(), "from", "ops@example.com");

        ok(call(HttpMethod.PUT, "/v1/integrations/" + id, org.devContext(), Map.of("credentials", asShown)), 200);

        JsonNode active = ok(call(HttpMethod.GET, "/internal/integrations/active?environmentId=" + org.dev(),
                EnvironmentContext.service(), null), 200).get("data");
        assertThat(active.get(0).get("credentials").get("apiKey").asString()).isEqualTo(SENDGRID_KEY);
        assertThat(active.get(0).get("credentials").get("from").asString()).isEqualTo("ops@example.com");
    }

    @Test
    void storesCredentialsOnlyAsCiphertext() {
        Org org = org("Ciphertext");
        create(org.devContext(), sendgrid("Mail"));
        create(org.devContext(), webhook("sms", true));

        List<String> stored = db.sql("SELECT credentials FROM integrations WHERE environment_id = :env")
                .bind("env", org.dev()).map(row -> row.get("credentials", String.class)).all().collectList().block();

        assertThat(stored).hasSize(2);
        String b64Key = Base64.getEncoder().encodeToString(SENDGRID_KEY.getBytes(StandardCharsets.UTF_8));
        for (String column : stored) {
            assertThat(column).doesNotContain(SENDGRID_KEY).doesNotContain("very-secret").doesNotContain(b64Key)
                    .doesNotContain("hooks.example.com").doesNotContain("secret-path-token").contains("v1:");
        }
    }

    @Test
    void listsOnlyActiveIntegrationsNewestFirstAndByChannel() {
        Org org = org("Active");
        String first = create(org.devContext(), webhook("email", true)).get("_id").asString();
        create(org.devContext(), webhook("email", false));
        String third = create(org.devContext(), webhook("sms", true)).get("_id").asString();

        JsonNode active = ok(call(HttpMethod.GET, "/v1/integrations/active", org.devContext(), null), 200).get("data");
        assertThat(active).extracting(i -> i.get("_id").asString()).containsExactly(third, first);

        JsonNode email = ok(call(HttpMethod.GET, "/v1/integrations/active?channel=email", org.devContext(), null), 200).get("data");
        assertThat(email).extracting(i -> i.get("_id").asString()).containsExactly(first);
    }

    @Test
    void paginatesTheList() {
        Org org = org("Pages");
        for (int i = 0; i < 3; i++) {
            create(org.devContext(), webhook("push", true));
        }

        JsonNode second = ok(call(HttpMethod.GET, "/v1/integrations?page=1&limit=2", org.devContext(), null), 200);
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("pageSize").asInt()).isEqualTo(2);
        assertThat(second.get("totalCount").asLong()).isEqualTo(3);
        assertThat(second.get("hasMore").asBoolean()).isFalse();
        problem(call(HttpMethod.GET, "/v1/integrations?limit=1000", org.devContext(), null), 400);
    }

    @Test
    void rejectsBadIntegrationsAndStoresNothing() {
        Org org = org("BadIntegrations");
        EnvironmentContext dev = org.devContext();

        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "carrier-pigeon", "channel", "sms", "credentials", Map.of())), 400)
                .get("detail").asString()).contains("carrier-pigeon").contains("webhook, twilio, sns, plivo");
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "twilio", "channel", "email")), 400).get("detail").asString()).contains("sendgrid");
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "webhook", "channel", "in_app")), 400).get("detail").asString()).contains("in_app");
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "webhook", "channel", "chat", "credentials", Map.of("secret", "x"))), 400)
                .get("detail").asString()).contains("credentials.url");
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "webhook", "channel", "chat", "credentials", Map.of("url", "ftp://example.com/x"))), 400)
                .get("detail").asString()).contains("http");
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "sendgrid", "channel", "email", "credentials", Map.of("apiKey", "k".repeat(2_049)))), 400)
                .get("detail").asString()).contains("2048");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("key" + i, "v");
        }
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "smtp", "channel", "email", "credentials", many)), 400)
                .get("detail").asString()).contains("at most 20");
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "smtp", "channel", "email", "name", "n".repeat(129))), 400)
                .get("detail").asString()).contains("128");
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "smtp", "channel", "email", "priority", 1)), 400)
                .get("detail").asString()).contains("unknown field 'priority'");
        assertThat(problem(call(HttpMethod.POST, "/v1/integrations", dev,
                Map.of("providerId", "smtp", "channel", "email", "credentials", Map.of("host", List.of("a")))), 400)
                .get("detail").asString()).contains("credentials");

        String id = create(dev, webhook("chat", true)).get("_id").asString();
        problem(call(HttpMethod.PUT, "/v1/integrations/" + id, dev, Map.of("credentials", Map.of("token", "x"))), 400);
        assertThat(integrations(org.dev())).isEqualTo(1);
        JsonNode kept = ok(call(HttpMethod.GET, "/internal/integrations/active?environmentId=" + org.dev() + "&channel=chat",
                EnvironmentContext.service(), null), 200).get("data");
        assertThat(kept.get(0).get("credentials").get("url").asString()).isEqualTo(WEBHOOK_URL);
    }

    @Test
    void neverShowsOrChangesAnotherEnvironmentsIntegrations() {
        Org a = org("IsolationA");
        Org b = org("IsolationB");
        String devOnly = create(a.devContext(), sendgrid("Dev mail")).get("_id").asString();
        String prodOnly = create(a.prodContext(), sendgrid("Prod mail")).get("_id").asString(); // writable in production

        assertThat(ok(call(HttpMethod.GET, "/v1/integrations", a.prodContext(), null), 200).get("data"))
                .extracting(i -> i.get("_id").asString()).containsExactly(prodOnly);
        assertThat(ok(call(HttpMethod.GET, "/v1/integrations", a.devContext(), null), 200).get("data"))
                .extracting(i -> i.get("_id").asString()).containsExactly(devOnly);
        assertThat(ok(call(HttpMethod.GET, "/v1/integrations", b.devContext(), null), 200).get("totalCount").asLong()).isZero();
        assertThat(ok(call(HttpMethod.GET, "/v1/integrations/active", b.devContext(), null), 200).get("data")).isEmpty();

        problem(call(HttpMethod.PUT, "/v1/integrations/" + devOnly, a.prodContext(), Map.of("name", "stolen")), 404);
        problem(call(HttpMethod.PUT, "/v1/integrations/" + devOnly, b.devContext(), Map.of("name", "stolen")), 404);
        problem(call(HttpMethod.DELETE, "/v1/integrations/" + devOnly, a.prodContext(), null), 404);
        problem(call(HttpMethod.DELETE, "/v1/integrations/" + devOnly, b.devContext(), null), 404);
        problem(call(HttpMethod.DELETE, "/v1/integrations/not-an-id", b.devContext(), null), 404);

        assertThat(ok(call(HttpMethod.GET, "/v1/integrations", a.devContext(), null), 200).get("data").get(0)
                .get("name").asString()).isEqualTo("Dev mail");
        assertThat(integrations(a.dev())).isEqualTo(1);
    }

    @Test
    void answersActiveIntegrationsWithPlaintextCredentialsOnlyToAService() {
        Org org = org("Internal");
        create(org.devContext(), webhook("email", true));
        String newest = create(org.devContext(), sendgrid("Mail")).get("_id").asString();
        create(org.devContext(), webhook("sms", true));
        create(org.prodContext(), webhook("email", true));
        String path = "/internal/integrations/active?environmentId=" + org.dev() + "&channel=email";

        JsonNode active = ok(call(HttpMethod.GET, path, EnvironmentContext.service(), null), 200).get("data");
        assertThat(active).hasSize(2);
        assertThat(active.get(0).get("_id").asString()).isEqualTo(newest);
        assertThat(active.get(0).get("providerId").asString()).isEqualTo("sendgrid");
        assertThat(active.get(0).get("channel").asString()).isEqualTo("email");
        assertThat(active.get(0).get("name").asString()).isEqualTo("Mail");
        assertThat(active.get(0).get("credentials").get("apiKey").asString()).isEqualTo(SENDGRID_KEY);
        assertThat(active.get(1).get("credentials").get("url").asString()).isEqualTo(WEBHOOK_URL);

        problem(call(HttpMethod.GET, path, org.devContext(), null), 403);
        problem(call(HttpMethod.GET, path, EnvironmentContext.admin(), null), 403);
        problem(call(HttpMethod.GET, path, null, null), 401);
        problem(call(HttpMethod.GET, "/internal/integrations/active?channel=email", EnvironmentContext.service(), null), 400);
        problem(call(HttpMethod.GET, "/internal/integrations/active?environmentId=" + org.dev() + "&channel=fax",
                EnvironmentContext.service(), null), 400);
    }

    // --- brand --------------------------------------------------------------------------------

    @Test
    void answersTheDefaultBrandUntilOneIsSaved() {
        Org org = org("Defaults");

        JsonNode brand = ok(call(HttpMethod.GET, "/v1/organizations/branding", org.prodContext(), null), 200).get("data");

        assertThat(brand.get("_id").asString()).isEqualTo(BrandContent.keyFor(org.id()).toString());
        assertThat(brand.get("_environmentId").asString()).isEqualTo(org.prod().toString());
        assertThat(brand.get("color").asString()).matches("#[0-9a-f]{6}");
        assertThat(brand.get("logo").isNull()).isTrue();
        assertThat(brand.get("updatedAt").isNull()).isTrue();
        assertThat(brandRevisions(org.prod())).isZero();
    }

    @Test
    void savingTheBrandInDevelopmentAppendsARevisionAndPublishesItOnceOnly() {
        try (KafkaProbe probe = new KafkaProbe(Topics.CONTENT_REVISIONS)) {
            Org org = org("Branded");
            UUID key = BrandContent.keyFor(org.id());
            Map<String, Object> body = Map.of("logo", "https://cdn.example.com/logo.png", "color", "#FF0000",
                    "fontColor", "#333", "contentBackground", "#fafafa", "fontFamily", "Inter, sans-serif");

            JsonNode saved = ok(call(HttpMethod.PUT, "/v1/organizations/branding", org.devContext(), body), 200).get("data");
            assertThat(saved.get("color").asString()).isEqualTo("#ff0000");
            assertThat(saved.get("logo").asString()).isEqualTo("https://cdn.example.com/logo.png");
            assertThat(ok(call(HttpMethod.GET, "/v1/organizations/branding", org.devContext(), null), 200).get("data")
                    .get("fontFamily").asString()).isEqualTo("Inter, sans-serif");
            assertThat(brandRevisions(org.dev())).isEqualTo(1);

            ConsumerRecord<String, String> event = probe.await(
                    r -> r.key().equals(org.dev() + ":" + ContentTypes.BRAND + ":" + key), Duration.ofSeconds(20));
            assertThat(event).isNotNull();
            JsonNode published = json.readTree(event.value());
            assertThat(published.get("revision").asLong()).isEqualTo(1);
            assertThat(event.value()).contains("\"revision\":1"); // the shape the "no revision 2" check below relies on
            assertThat(published.get("organizationId").asString()).isEqualTo(org.id().toString());
            assertThat(published.get("content").get("color").asString()).isEqualTo("#ff0000");

            ok(call(HttpMethod.PUT, "/v1/organizations/branding", org.devContext(), body), 200);
            ok(call(HttpMethod.PUT, "/v1/organizations/branding", org.devContext(), Map.of("color", "#ff0000")), 200);
            assertThat(brandRevisions(org.dev())).isEqualTo(1);
            assertThat(probe.await(r -> r.key().equals(org.dev() + ":" + ContentTypes.BRAND + ":" + key)
                    && r.value().contains("\"revision\":2"), Duration.ofSeconds(2))).isNull();

            ok(call(HttpMethod.PUT, "/v1/organizations/branding", org.devContext(), Map.of("logo", "")), 200);
            assertThat(brandRevisions(org.dev())).isEqualTo(2);
            assertThat(ok(call(HttpMethod.GET, "/v1/organizations/branding", org.devContext(), null), 200)
                    .get("data").get("logo").isNull()).isTrue();
        }
    }

    @Test
    void theBrandIsReadOnlyInProduction() {
        Org org = org("ReadOnlyBrand");

        assertThat(problem(call(HttpMethod.PUT, "/v1/organizations/branding", org.prodContext(), Map.of("color", "#000")), 403)
                .get("detail").asString()).contains("promote");

        assertThat(count("SELECT count(*) FROM brands WHERE environment_id = :env", org.prod())).isZero();
        assertThat(brandRevisions(org.prod())).isZero();
        // content revision events are keyed env:type:key; the environment's own ENVIRONMENT_CREATED event (keyed by
        // the bare id) may still be waiting for the relay, and is not a write of the brand
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key LIKE :env || ':%'", org.prod())).isZero();
    }

    @Test
    void rejectsInvalidBrandFieldsAndWritesNothing() {
        Org org = org("BadBrand");
        EnvironmentContext dev = org.devContext();

        assertThat(problem(call(HttpMethod.PUT, "/v1/organizations/branding", dev, Map.of("color", "red")), 400)
                .get("detail").asString()).contains("color").contains("#rgb");
        problem(call(HttpMethod.PUT, "/v1/organizations/branding", dev, Map.of("fontColor", "#12345")), 400);
        problem(call(HttpMethod.PUT, "/v1/organizations/branding", dev, Map.of("contentBackground", "#gggggg")), 400);
        problem(call(HttpMethod.PUT, "/v1/organizations/branding", dev, Map.of("logo", "javascript:alert(1)")), 400);
        problem(call(HttpMethod.PUT, "/v1/organizations/branding", dev, Map.of("fontFamily", "x".repeat(129))), 400);
        problem(call(HttpMethod.PUT, "/v1/organizations/branding", dev, Map.of("fontFamily", "Arial; } body { display:none")), 400);
        assertThat(problem(call(HttpMethod.PUT, "/v1/organizations/branding", dev, Map.of("colour", "#fff")), 400)
                .get("detail").asString()).contains("unknown field 'colour'");
        // one bad field refuses the whole request
        problem(call(HttpMethod.PUT, "/v1/organizations/branding", dev, Map.of("color", "#fff", "fontColor", "blue")), 400);

        assertThat(brandRevisions(org.dev())).isZero();
        assertThat(count("SELECT count(*) FROM brands WHERE environment_id = :env", org.dev())).isZero();
    }

    @Test
    void theApplierPutsDevelopmentsBrandInProduction() {
        Org org = org("PromoteBrand");
        UUID key = BrandContent.keyFor(org.id());
        ok(call(HttpMethod.PUT, "/v1/organizations/branding", org.devContext(),
                Map.of("color", "#123456", "fontFamily", "Georgia, serif")), 200);
        ContentRevision source = revisions.latest(org.dev(), ContentTypes.BRAND, key).block();

        RevisionLog.Author production = new RevisionLog.Author(org.id(), org.prod(), "promotion");
        applier.apply(production, List.of(new PinnedRevision(ContentTypes.BRAND, key, source.revision(),
                (ObjectNode) source.content(), false))).block();

        JsonNode prodBrand = ok(call(HttpMethod.GET, "/v1/organizations/branding", org.prodContext(), null), 200).get("data");
        assertThat(prodBrand.get("color").asString()).isEqualTo("#123456");
        assertThat(prodBrand.get("fontFamily").asString()).isEqualTo("Georgia, serif");
        assertThat(prodBrand.get("_id").asString()).isEqualTo(key.toString());
        ContentRevision target = revisions.latest(org.prod(), ContentTypes.BRAND, key).block();
        assertThat(target.contentHash()).isEqualTo(source.contentHash());
        assertThat(target.revision()).isEqualTo(1);

        // applying the same revision again changes nothing
        applier.apply(production, List.of(new PinnedRevision(ContentTypes.BRAND, key, source.revision(),
                (ObjectNode) source.content(), false))).block();
        assertThat(brandRevisions(org.prod())).isEqualTo(1);
    }

    // --- widget settings ----------------------------------------------------------------------

    JsonNode widgetSettings(EnvironmentContext context) {
        return ok(call(HttpMethod.GET, "/v1/environments/widget-settings", context, null), 200).get("data");
    }

    JsonNode verify(UUID env, String subscriberId, String hash) {
        Map<String, Object> body = new HashMap<>();
        body.put("environmentId", env.toString());
        body.put("subscriberId", subscriberId);
        body.put("hmacHash", hash);
        return ok(call(HttpMethod.POST, "/internal/widget/verify", EnvironmentContext.service(), body), 200).get("data");
    }

    @Test
    void everyNewEnvironmentHasItsOwnWidgetSecretSealedAtRest() {
        Org org = org("Widget");
        JsonNode staging = ok(call(HttpMethod.POST, "/v1/environments", org.devContext(),
                Map.of("name", "Staging", "parentId", org.dev().toString())), 201).get("data");
        UUID stagingId = UUID.fromString(staging.get("_id").asString());

        for (UUID env : List.of(org.dev(), org.prod(), stagingId)) {
            String sealed = db.sql("SELECT widget_secret FROM environments WHERE id = :env").bind("env", env)
                    .map(row -> row.get(0, String.class)).one().block();
            assertThat(sealed).as("sealed at creation").startsWith("v1:");
        }
        String dev = widgetSettings(org.devContext()).get("widgetSecret").asString();
        String prod = widgetSettings(org.prodContext()).get("widgetSecret").asString();
        assertThat(dev).matches("[0-9a-f]{64}").isNotEqualTo(prod);
        assertThat(widgetSettings(org.devContext()).get("widgetSecret").asString()).isEqualTo(dev);
        assertThat(db.sql("SELECT widget_secret FROM environments WHERE id = :env").bind("env", org.dev())
                .map(row -> row.get(0, String.class)).one().block()).doesNotContain(dev);
    }

    @Test
    void anEnvironmentMadeBeforeWidgetSecretsGetsOneOnFirstUse() {
        Org org = org("Older");
        db.sql("UPDATE environments SET widget_secret = NULL, hmac_required = NULL WHERE organization_id = :env")
                .bind("env", org.id()).fetch().rowsUpdated().block();

        JsonNode settings = widgetSettings(org.prodContext());

        assertThat(settings.get("widgetSecret").asString()).matches("[0-9a-f]{64}");
        assertThat(settings.get("hmacRequired").asBoolean()).isTrue();
        assertThat(widgetSettings(org.prodContext()).get("widgetSecret").asString()).isEqualTo(settings.get("widgetSecret").asString());
        String hash = SubscriberHash.of(settings.get("widgetSecret").asString(), "sub-1");
        assertThat(verify(org.dev(), "sub-1", null).get("valid").asBoolean()).isTrue(); // dev's made lazily by verify
        assertThat(verify(org.prod(), "sub-1", hash).get("valid").asBoolean()).isTrue();
    }

    @Test
    void hmacIsRequiredOutsideDevelopmentWhereItCanBeSwitched() {
        Org org = org("Hmac");

        assertThat(widgetSettings(org.devContext()).get("hmacRequired").asBoolean()).isFalse();
        assertThat(widgetSettings(org.prodContext()).get("hmacRequired").asBoolean()).isTrue();

        assertThat(problem(call(HttpMethod.PUT, "/v1/environments/widget-settings", org.prodContext(), Map.of("hmacRequired", false)), 403)
                .get("detail").asString()).contains("only a DEVELOPMENT environment");
        assertThat(widgetSettings(org.prodContext()).get("hmacRequired").asBoolean()).isTrue();
        assertThat(ok(call(HttpMethod.PUT, "/v1/environments/widget-settings", org.prodContext(), Map.of("hmacRequired", true)), 200)
                .get("data").get("hmacRequired").asBoolean()).isTrue();

        assertThat(ok(call(HttpMethod.PUT, "/v1/environments/widget-settings", org.devContext(), Map.of("hmacRequired", true)), 200)
                .get("data").get("hmacRequired").asBoolean()).isTrue();
        assertThat(widgetSettings(org.devContext()).get("hmacRequired").asBoolean()).isTrue();
        assertThat(ok(call(HttpMethod.PUT, "/v1/environments/widget-settings", org.devContext(), Map.of("hmacRequired", false)), 200)
                .get("data").get("hmacRequired").asBoolean()).isFalse();

        problem(call(HttpMethod.PUT, "/v1/environments/widget-settings", org.devContext(), Map.of()), 400);
        problem(call(HttpMethod.PUT, "/v1/environments/widget-settings", org.devContext(), Map.of("hmacRequired", "maybe")), 400);
        problem(call(HttpMethod.PUT, "/v1/environments/widget-settings", org.devContext(), Map.of("widgetSecret", "mine")), 400);
    }

    @Test
    void verifiesTheSubscriberHashWithTheEnvironmentsSecret() {
        Org org = org("Verify");
        String prodSecret = widgetSettings(org.prodContext()).get("widgetSecret").asString();
        String devSecret = widgetSettings(org.devContext()).get("widgetSecret").asString();
        String right = SubscriberHash.of(prodSecret, "subscriber-42");
        assertThat(right).matches("[0-9a-f]{64}");

        JsonNode valid = verify(org.prod(), "subscriber-42", right);
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("hmacRequired").asBoolean()).isTrue();
        assertThat(verify(org.prod(), "subscriber-42", right.toUpperCase()).get("valid").asBoolean()).isTrue();
        assertThat(verify(org.prod(), "subscriber-43", right).get("valid").asBoolean()).isFalse();
        assertThat(verify(org.prod(), "subscriber-42", "0".repeat(64)).get("valid").asBoolean()).isFalse();
        assertThat(verify(org.prod(), "subscriber-42", SubscriberHash.of(devSecret, "subscriber-42")).get("valid").asBoolean()).isFalse();
        assertThat(verify(org.prod(), "subscriber-42", null).get("valid").asBoolean()).isFalse();
        assertThat(verify(org.prod(), "subscriber-42", "").get("valid").asBoolean()).isFalse();

        JsonNode devWithout = verify(org.dev(), "subscriber-42", null);
        assertThat(devWithout.get("valid").asBoolean()).isTrue();
        assertThat(devWithout.get("hmacRequired").asBoolean()).isFalse();
        assertThat(verify(org.dev(), "subscriber-42", "bad").get("valid").asBoolean()).isFalse();
        ok(call(HttpMethod.PUT, "/v1/environments/widget-settings", org.devContext(), Map.of("hmacRequired", true)), 200);
        assertThat(verify(org.dev(), "subscriber-42", null).get("valid").asBoolean()).isFalse();
        assertThat(verify(org.dev(), "subscriber-42", SubscriberHash.of(devSecret, "subscriber-42")).get("valid").asBoolean()).isTrue();
    }

    @Test
    void answersTheHashCheckOnlyToAService() {
        Org org = org("VerifyGuard");
        Map<String, Object> body = Map.of("environmentId", org.prod().toString(), "subscriberId", "s", "hmacHash", "x");

        problem(call(HttpMethod.POST, "/internal/widget/verify", org.prodContext(), body), 403);
        problem(call(HttpMethod.POST, "/internal/widget/verify", null, body), 401);
        problem(call(HttpMethod.POST, "/internal/widget/verify", EnvironmentContext.service(),
                Map.of("environmentId", UUID.randomUUID().toString(), "subscriberId", "s")), 404);
        problem(call(HttpMethod.POST, "/internal/widget/verify", EnvironmentContext.service(),
                Map.of("environmentId", org.prod().toString())), 400);
        problem(call(HttpMethod.POST, "/internal/widget/verify", EnvironmentContext.service(),
                Map.of("environmentId", "nope", "subscriberId", "s")), 400);
    }
}
