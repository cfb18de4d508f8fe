package io.tidings.environment;

import io.tidings.platform.context.ApiKeys;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.InternalRoutes;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.test.KafkaProbe;
import io.tidings.platform.test.SignedClient;
import io.tidings.platform.test.TestInfrastructure;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnvironmentServiceIT {

    static final String SIGNING_KEY = "environment-service-it-signing-key-0123456789";
    /** base64 of the bytes 0..31: a fixed test key, never used outside tests */
    static final String ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "environment_it");
        registry.add("tidings.promotion.listen", () -> "false"); // the promotion IT takes the saga commands
        registry.add("tidings.context.signing-key", () -> SIGNING_KEY);
        registry.add("tidings.encryption.key", () -> ENCRYPTION_KEY);
    }

    @LocalServerPort
    int port;
    @Autowired
    ContextCodec codec;
    @Autowired
    DatabaseClient db;

    final JsonMapper json = JsonMapper.builder().build();
    SignedClient client;
    WebTestClient http;

    @BeforeEach
    void client() {
        client = new SignedClient(port, codec);
        http = client.http();
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

    record Org(UUID id, JsonNode development, JsonNode production) {
        EnvironmentContext devContext() {
            return context(development, production.get("_id"), null);
        }

        EnvironmentContext prodContext() {
            return context(production, null, development.get("_id"));
        }

        private EnvironmentContext context(JsonNode env, JsonNode target, JsonNode source) {
            return EnvironmentContext.apiKey(id, UUID.fromString(env.get("_id").asString()),
                    EnvironmentKind.valueOf(env.get("kind").asString()),
                    source == null ? null : UUID.fromString(source.asString()),
                    target == null ? null : UUID.fromString(target.asString()));
        }
    }

    Org createOrganization(String name) {
        JsonNode data = ok(call(HttpMethod.POST, "/v1/organizations", EnvironmentContext.admin(), Map.of("name", name)), 201).get("data");
        JsonNode envs = data.get("environments");
        return new Org(UUID.fromString(data.get("_id").asString()), envs.get(0), envs.get(1));
    }

    int lookup(String secret) {
        String path = InternalRoutes.API_KEY_LOOKUP + ApiKeys.hash(secret);
        return call(HttpMethod.GET, path, EnvironmentContext.service(), null).exchange().returnResult(byte[].class).getStatus().value();
    }

    // --- organizations ------------------------------------------------------------------------

    @Test
    void createsAnOrganizationWithDevelopmentPromotingToProduction() {
        Org org = createOrganization("Acme");

        assertThat(org.development().get("name").asString()).isEqualTo("Development");
        assertThat(org.development().get("kind").asString()).isEqualTo("DEVELOPMENT");
        assertThat(org.development().get("_parentId").isNull()).isTrue();
        assertThat(org.development().get("readOnly").asBoolean()).isFalse();
        assertThat(org.production().get("kind").asString()).isEqualTo("PRODUCTION");
        assertThat(org.production().get("_parentId").asString()).isEqualTo(org.development().get("_id").asString());
        assertThat(org.development().get("_targetId").asString()).isEqualTo(org.production().get("_id").asString());
        assertThat(org.production().get("readOnly").asBoolean()).isTrue();
        assertThat(org.development().get("identifier").asString()).isNotEqualTo(org.production().get("identifier").asString());
        assertThat(org.development().get("apiKey").asString()).startsWith("tk_");
    }

    @Test
    void storesOnlyTheHashOfEachSecret() {
        Org org = createOrganization("Hashes");
        String secret = org.development().get("apiKey").asString();

        List<String> stored = db.sql("SELECT key_hash || prefix || last_four AS everything FROM api_keys WHERE environment_id = :env")
                .bind("env", UUID.fromString(org.development().get("_id").asString()))
                .map(row -> row.get("everything", String.class)).all().collectList().block();

        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).startsWith(ApiKeys.hash(secret)).doesNotContain(secret);
    }

    @Test
    void refusesOrganizationCreationWithoutTheAdminPrincipal() {
        Org org = createOrganization("NotAdmin");

        problem(call(HttpMethod.POST, "/v1/organizations", org.devContext(), Map.of("name", "x")), 403);
        problem(call(HttpMethod.POST, "/v1/organizations", null, Map.of("name", "x")), 401);
    }

    @Test
    void rejectsMissingExpiredForeignOrMisdirectedContexts() {
        Org org = createOrganization("Contexts");
        String path = "/v1/environments/me";

        problem(http.get().uri(path), 401);

        ContextCodec past = new ContextCodec(SIGNING_KEY, Duration.ofSeconds(30),
                Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC));
        problem(http.get().uri(path).header(ContextCodec.HEADER, past.sign(org.devContext(), "GET", path)), 401);

        ContextCodec foreign = new ContextCodec("another-signing-key-of-enough-length-000", Duration.ofSeconds(30), Clock.systemUTC());
        problem(http.get().uri(path).header(ContextCodec.HEADER, foreign.sign(org.devContext(), "GET", path)), 401);

        String forOtherPath = codec.sign(org.devContext(), "GET", "/v1/environments");
        problem(http.get().uri(path).header(ContextCodec.HEADER, forOtherPath), 401);

        String forOtherMethod = codec.sign(org.devContext(), "POST", path);
        problem(http.get().uri(path).header(ContextCodec.HEADER, forOtherMethod), 401);

        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void rejectsMalformedUnknownAndOversizedBodies() {
        String path = "/v1/organizations";
        WebTestClient.RequestBodySpec admin = http.post().uri(path)
                .header(ContextCodec.HEADER, codec.sign(EnvironmentContext.admin(), "POST", path))
                .contentType(MediaType.APPLICATION_JSON);

        assertThat(problem(admin.bodyValue("{\"name\": "), 400).get("detail").asString()).contains("malformed JSON");
        assertThat(problem(http.post().uri(path).header(ContextCodec.HEADER, codec.sign(EnvironmentContext.admin(), "POST", path))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"a\",\"plan\":\"gold\"}"), 400)
                .get("detail").asString()).contains("unknown field 'plan'");
        assertThat(problem(http.post().uri(path).header(ContextCodec.HEADER, codec.sign(EnvironmentContext.admin(), "POST", path))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + "x".repeat(300_000) + "\"}"), 413)
                .get("detail").asString()).contains("262144");
        assertThat(problem(http.post().uri(path).header(ContextCodec.HEADER, codec.sign(EnvironmentContext.admin(), "POST", path))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"  \"}"), 400)
                .get("detail").asString()).contains("name is required");
    }

    // --- environments ------------------------------------------------------------------------

    @Test
    void answersMeAndTheOrganizationsEnvironmentsWithoutSecrets() {
        Org org = createOrganization("Me");

        JsonNode me = ok(call(HttpMethod.GET, "/v1/environments/me", org.prodContext(), null), 200).get("data");
        assertThat(me.get("_id").asString()).isEqualTo(org.production().get("_id").asString());
        assertThat(me.has("apiKey")).isFalse();

        JsonNode all = ok(call(HttpMethod.GET, "/v1/environments", org.devContext(), null), 200).get("data");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("name").asString()).isEqualTo("Development");
        assertThat(all.toString()).doesNotContain(org.development().get("apiKey").asString()).doesNotContain("apiKey");
    }

    @Test
    void neverShowsOneOrganizationAnothersEnvironments() {
        Org a = createOrganization("Alpha");
        Org b = createOrganization("Beta");

        JsonNode seenByA = ok(call(HttpMethod.GET, "/v1/environments", a.devContext(), null), 200).get("data");
        assertThat(seenByA.toString()).doesNotContain(b.development().get("_id").asString())
                .doesNotContain(b.production().get("_id").asString());

        problem(call(HttpMethod.POST, "/v1/environments", a.devContext(),
                Map.of("name", "Sneaky", "parentId", b.development().get("_id").asString())), 404);
    }

    @Test
    void insertsStagingBetweenDevelopmentAndProduction() {
        Org org = createOrganization("Chain");
        String devId = org.development().get("_id").asString();
        String prodId = org.production().get("_id").asString();

        JsonNode staging = ok(call(HttpMethod.POST, "/v1/environments", org.devContext(),
                Map.of("name", "Staging", "parentId", devId)), 201).get("data");

        assertThat(staging.get("kind").asString()).isEqualTo("CUSTOM");
        assertThat(staging.get("_parentId").asString()).isEqualTo(devId);
        assertThat(staging.get("_targetId").asString()).isEqualTo(prodId);
        assertThat(staging.get("apiKey").asString()).startsWith("tk_");
        assertThat(lookup(staging.get("apiKey").asString())).isEqualTo(200);

        JsonNode all = ok(call(HttpMethod.GET, "/v1/environments", org.devContext(), null), 200).get("data");
        assertThat(all).extracting(e -> e.get("name").asString()).containsExactly("Development", "Staging", "Production");
        assertThat(all.get(2).get("_parentId").asString()).isEqualTo(staging.get("_id").asString());
    }

    @Test
    void rejectsDuplicateMissingUnknownAndTerminalParents() {
        Org org = createOrganization("Rules");
        String devId = org.development().get("_id").asString();

        assertThat(problem(call(HttpMethod.POST, "/v1/environments", org.devContext(),
                Map.of("name", "production", "parentId", devId)), 409).get("detail").asString()).contains("already exists");
        assertThat(problem(call(HttpMethod.POST, "/v1/environments", org.devContext(),
                Map.of("name", "QA")), 400).get("detail").asString()).contains("parentId is required");
        problem(call(HttpMethod.POST, "/v1/environments", org.devContext(),
                Map.of("name", "QA", "parentId", "not-a-uuid")), 400);
        problem(call(HttpMethod.POST, "/v1/environments", org.devContext(),
                Map.of("name", "QA", "parentId", UUID.randomUUID().toString())), 404);
        assertThat(problem(call(HttpMethod.POST, "/v1/environments", org.devContext(),
                Map.of("name", "After", "parentId", org.production().get("_id").asString())), 409)
                .get("detail").asString()).contains("end of the chain");
    }

    // --- keys ---------------------------------------------------------------------------------

    @Test
    void listsKeyMetadataButNeverTheSecret() {
        Org org = createOrganization("Keys");
        String secret = org.development().get("apiKey").asString();

        JsonNode keys = ok(call(HttpMethod.GET, "/v1/environments/api-keys", org.devContext(), null), 200).get("data");

        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("prefix").asString()).isEqualTo(secret.substring(0, 7));
        assertThat(keys.get(0).get("lastFour").asString()).isEqualTo(secret.substring(secret.length() - 4));
        assertThat(keys.get(0).has("key")).isFalse();
        assertThat(keys.toString()).doesNotContain(secret);
    }

    @Test
    void regenerationRevokesTheOldKeyAtOnceByDefault() {
        Org org = createOrganization("Rotate");
        String old = org.development().get("apiKey").asString();

        JsonNode issued = ok(call(HttpMethod.POST, "/v1/environments/api-keys/regenerate", org.devContext(), null), 201).get("data");
        String fresh = issued.get(0).get("key").asString();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(lookup(old)).isEqualTo(404);
        assertThat(lookup(fresh)).isEqualTo(200);
        assertThat(ok(call(HttpMethod.GET, "/v1/environments/api-keys", org.devContext(), null), 200).get("data")).hasSize(1);
    }

    @Test
    void regenerationKeepsThePreviousKeyUntilItExpiresAndNeverMoreThanTwo() {
        Org org = createOrganization("Overlap");
        String first = org.development().get("apiKey").asString();

        String second = ok(call(HttpMethod.POST, "/v1/environments/api-keys/regenerate", org.devContext(),
                Map.of("keepPreviousFor", 3600)), 201).get("data").get(0).get("key").asString();
        assertThat(lookup(first)).isEqualTo(200);
        assertThat(lookup(second)).isEqualTo(200);

        String third = ok(call(HttpMethod.POST, "/v1/environments/api-keys/regenerate", org.devContext(),
                Map.of("keepPreviousFor", 3600)), 201).get("data").get(0).get("key").asString();
        assertThat(lookup(first)).isEqualTo(404);
        assertThat(lookup(second)).isEqualTo(200);
        assertThat(lookup(third)).isEqualTo(200);

        JsonNode keys = ok(call(HttpMethod.GET, "/v1/environments/api-keys", org.devContext(), null), 200).get("data");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1).get("expiresAt").isNull()).isFalse();
    }

    @Test
    void aKeptKeyStopsWorkingWhenItExpires() throws InterruptedException {
        Org org = createOrganization("Expiry");
        String first = org.development().get("apiKey").asString();

        ok(call(HttpMethod.POST, "/v1/environments/api-keys/regenerate", org.devContext(), Map.of("keepPreviousFor", 1)), 201);
        assertThat(lookup(first)).isEqualTo(200);
        Thread.sleep(1_200);
        assertThat(lookup(first)).isEqualTo(404);
    }

    @Test
    void rejectsAKeepPreviousForOutOfRange() {
        Org org = createOrganization("Range");

        problem(call(HttpMethod.POST, "/v1/environments/api-keys/regenerate", org.devContext(), Map.of("keepPreviousFor", -1)), 400);
        problem(call(HttpMethod.POST, "/v1/environments/api-keys/regenerate", org.devContext(), Map.of("keepPreviousFor", 10_000_000)), 400);
        problem(call(HttpMethod.POST, "/v1/environments/api-keys/regenerate", org.devContext(), Map.of("keepPreviousFor", "soon")), 400);
        assertThat(lookup(org.development().get("apiKey").asString())).isEqualTo(200);
    }

    // --- internal lookup and events -----------------------------------------------------------

    @Test
    void answersTheCredentialLookupOnlyToAService() {
        Org org = createOrganization("Lookup");
        String secret = org.development().get("apiKey").asString();
        String path = InternalRoutes.API_KEY_LOOKUP + ApiKeys.hash(secret);

        JsonNode credential = ok(call(HttpMethod.GET, path, EnvironmentContext.service(), null), 200).get("data");
        assertThat(credential.get("environmentId").asString()).isEqualTo(org.development().get("_id").asString());
        assertThat(credential.get("targetEnvironmentId").asString()).isEqualTo(org.production().get("_id").asString());
        assertThat(credential.get("environmentKind").asString()).isEqualTo("DEVELOPMENT");

        problem(call(HttpMethod.GET, path, org.devContext(), null), 403);
        problem(call(HttpMethod.GET, path, null, null), 401);

        String byIdentifier = InternalRoutes.APPLICATION_LOOKUP + org.production().get("identifier").asString();
        assertThat(ok(call(HttpMethod.GET, byIdentifier, EnvironmentContext.service(), null), 200)
                .get("data").get("environmentId").asString()).isEqualTo(org.production().get("_id").asString());
        problem(call(HttpMethod.GET, InternalRoutes.APPLICATION_LOOKUP + "nope", EnvironmentContext.service(), null), 404);
    }

    @Test
    void publishesEnvironmentAndKeyEventsThroughTheOutbox() {
        try (KafkaProbe probe = new KafkaProbe(Topics.ENVIRONMENT_EVENTS)) {
            Org org = createOrganization("Events");
            String devId = org.development().get("_id").asString();
            String oldHash = ApiKeys.hash(org.development().get("apiKey").asString());
            ok(call(HttpMethod.POST, "/v1/environments/api-keys/regenerate", org.devContext(), null), 201);

            assertThat(probe.await(r -> r.key().equals(devId) && r.value().contains("ENVIRONMENT_CREATED"), Duration.ofSeconds(20)))
                    .isNotNull();
            var revoked = probe.await(r -> r.key().equals(devId) && r.value().contains("KEY_REVOKED"), Duration.ofSeconds(20));
            assertThat(revoked).isNotNull();
            assertThat(revoked.value()).contains(oldHash);
            assertThat(revoked.headers().lastHeader(Topics.MESSAGE_ID_HEADER)).isNotNull();
        }
        assertThat(db.sql("SELECT count(*) AS n FROM outbox").map(row -> row.get("n", Long.class)).one().block())
                .isLessThanOrEqualTo(1L); // relayed rows are deleted; at most one in flight
    }
}
