package io.tidings.gateway;

import io.tidings.platform.test.SignedClient;
import io.tidings.gateway.widget.SubscriberTokens;
import io.tidings.platform.context.ApiKeys;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.PrincipalType;
import io.tidings.platform.context.ResolvedCredential;
import io.tidings.platform.test.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Widget sessions through the real gateway: the session route it answers itself, and the
 * subscriber token on the widget routes, in front of stand-in environment- and subscriber-services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetSessionIT {

    static final String SIGNING_KEY = "widget-it-signing-key-0123456789abcdef";
    static final String TOKEN_KEY = "widget-it-subscriber-token-key-0123456789";
    static final String SESSION = "/v1/widgets/session/initialize";
    static final String FEED = "/v1/widgets/notifications/feed";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final ContextCodec STAND_IN_CODEC = new ContextCodec(SIGNING_KEY, Duration.ofSeconds(30), Clock.systemUTC());
    static final StandInEnvironmentService environmentService = StandInEnvironmentService.start(STAND_IN_CODEC);
    static final StandInSubscriberService subscriberService = StandInSubscriberService.start(STAND_IN_CODEC);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("tidings.gateway.environment-service-uri", environmentService::baseUri);
        registry.add("tidings.gateway.subscriber-service-uri", subscriberService::baseUri);
        registry.add("tidings.context.signing-key", () -> SIGNING_KEY);
        registry.add("tidings.gateway.subscriber-token-key", () -> TOKEN_KEY);
        registry.add("tidings.gateway.subscriber-token-ttl", () -> "10m");
        registry.add("tidings.gateway.admin-token", () -> "widget-it-admin-token");
    }

    @AfterAll
    static void stopStandIns() {
        environmentService.close();
        subscriberService.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ContextCodec codec;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = SignedClient.local(port, Duration.ofSeconds(10));
    }

    @Test
    void aSessionWithTheRightHashGivesATokenThatReadsTheSubscribersOwnFeed() {
        App app = newApp(EnvironmentKind.PRODUCTION, true);
        String subscriberId = "subscriber-" + UUID.randomUUID();

        JsonNode data = json(http.post().uri(SESSION).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applicationIdentifier", app.identifier(), "subscriberId", subscriberId,
                        "hmacHash", app.hash(subscriberId), "email", "ada@example.com",
                        "data", Map.of("plan", "pro", "seats", 3)))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody()).get("data");

        assertThat(data.get("profile").get("subscriberId").asString()).isEqualTo(subscriberId);
        assertThat(data.get("profile").get("email").asString()).isEqualTo("ada@example.com");
        assertThat(data.get("profile").get("data").get("seats").asInt()).isEqualTo(3);
        assertThat(data.get("profile").get("_environmentId").asString())
                .isEqualTo(app.environment().environmentId().toString());

        StandInSubscriberService.SessionCall upsert = lastSessionOf(subscriberId);
        assertThat(upsert.context()).isEqualTo(app.subscriber(subscriberId));
        assertThat(upsert.body().has("hmacHash")).isFalse();
        assertThat(upsert.body().has("applicationIdentifier")).isFalse();
        assertThat(upsert.body().has("firstName")).isFalse();

        String token = data.get("token").asString();
        JsonNode seen = json(http.get().uri(FEED + "?page=0")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(seen.get("authorizationPresent").asBoolean()).isFalse();
        EnvironmentContext context = STAND_IN_CODEC.verify(seen.get("context").asString(), "GET", FEED);
        assertThat(context.principal()).isEqualTo(PrincipalType.SUBSCRIBER);
        assertThat(context.subscriberId()).isEqualTo(subscriberId);
        assertThat(context).isEqualTo(app.subscriber(subscriberId));
    }

    @Test
    void inDevelopmentWithoutRequiredHashNoHashIsNeeded() {
        App app = newApp(EnvironmentKind.DEVELOPMENT, false);
        String token = openSession(app, "dev-subscriber");
        assertThat(token).isNotBlank();
    }

    @Test
    void aWrongOrMissingHashIsRefused() {
        App app = newApp(EnvironmentKind.PRODUCTION, true);
        int upsertsBefore = subscriberService.sessions().size();

        expectProblem(session(Map.of("applicationIdentifier", app.identifier(), "subscriberId", "alice",
                "hmacHash", app.hash("bob"))), 401, "subscriber hash is missing or wrong");
        expectProblem(session(Map.of("applicationIdentifier", app.identifier(), "subscriberId", "alice")),
                401, "subscriber hash is missing or wrong");
        assertThat(subscriberService.sessions()).hasSize(upsertsBefore);
    }

    @Test
    void anUnknownOrMalformedApplicationIdentifierIsRefused() {
        int checksBefore = environmentService.hashChecks();
        expectProblem(session(Map.of("applicationIdentifier", "app_unknown_" + UUID.randomUUID().toString().substring(0, 8),
                "subscriberId", "alice")), 401, "unknown application identifier");
        expectProblem(session(Map.of("applicationIdentifier", "not/an identifier", "subscriberId", "alice")),
                401, "unknown application identifier");
        expectProblem(session(Map.of("applicationIdentifier", "a".repeat(65), "subscriberId", "alice")),
                401, "unknown application identifier");
        assertThat(environmentService.hashChecks()).isEqualTo(checksBefore);
    }

    @Test
    void badBodiesAreRefusedBeforeAnyServiceIsAsked() {
        App app = newApp(EnvironmentKind.DEVELOPMENT, false);
        int checksBefore = environmentService.hashChecks();
        int upsertsBefore = subscriberService.sessions().size();

        expectProblem(session(Map.of("applicationIdentifier", app.identifier(), "subscriberId", "alice",
                "nickname", "al")), 400, "unknown field 'nickname'");
        expectProblem(rawSession("{\"applicationIdentifier\": \"" + app.identifier() + "\", \"subscriberId\": "),
                400, "malformed JSON");
        expectProblem(rawSession("[1, 2]"), 400, "expected a JSON object");
        expectProblem(rawSession(""), 400, "request body is required");
        expectProblem(session(Map.of("applicationIdentifier", app.identifier())), 400, "subscriberId is required");
        expectProblem(session(Map.of("subscriberId", "alice")), 400, "applicationIdentifier is required");
        expectProblem(session(Map.of("applicationIdentifier", app.identifier(), "subscriberId", "s".repeat(129))),
                400, "at most 128 characters");
        expectProblem(session(Map.of("applicationIdentifier", app.identifier(), "subscriberId", 42)),
                400, "field 'subscriberId' has an invalid value");
        expectProblem(session(Map.of("applicationIdentifier", app.identifier(), "subscriberId", "alice",
                "data", "not an object")), 400, "field 'data' has the wrong type");

        assertThat(environmentService.hashChecks()).isEqualTo(checksBefore);
        assertThat(subscriberService.sessions()).hasSize(upsertsBefore);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        App app = newApp(EnvironmentKind.DEVELOPMENT, false);
        expectProblem(session(Map.of("applicationIdentifier", app.identifier(), "subscriberId", "alice",
                "data", Map.of("blob", "x".repeat(300_000)))), 413, "larger than the limit");
    }

    @Test
    void aRefusalOfTheSubscriberServiceIsPassedOnWithItsDetail() {
        App app = newApp(EnvironmentKind.DEVELOPMENT, false);
        expectProblem(session(Map.of("applicationIdentifier", app.identifier(),
                "subscriberId", StandInSubscriberService.REFUSED_SUBSCRIBER, "email", "nope")),
                422, StandInSubscriberService.REFUSAL_DETAIL);
    }

    @Test
    void inboundTidingsHeadersAreStrippedOnTheSessionRoute() {
        App app = newApp(EnvironmentKind.DEVELOPMENT, false);
        String forged = codec.sign(EnvironmentContext.subscriber(UUID.randomUUID(), UUID.randomUUID(),
                EnvironmentKind.PRODUCTION, null, null, "mallory"), "POST", "/internal/widgets/session");

        http.post().uri(SESSION).contentType(MediaType.APPLICATION_JSON)
                .header(ContextCodec.HEADER, forged)
                .header("X-Tidings-Environment", UUID.randomUUID().toString())
                .bodyValue(Map.of("applicationIdentifier", app.identifier(), "subscriberId", "carol"))
                .exchange()
                .expectStatus().isOk();

        StandInSubscriberService.SessionCall upsert = lastSessionOf("carol");
        assertThat(upsert.tidingsHeaders()).containsExactly(ContextCodec.HEADER.toLowerCase());
        assertThat(upsert.context()).isEqualTo(app.subscriber("carol"));
    }

    @Test
    void aSubscriberTokenIsRefusedOffTheWidgetRoutes() {
        App app = newApp(EnvironmentKind.DEVELOPMENT, false);
        String token = openSession(app, "dave");

        for (String path : List.of("/v1/subscribers", "/v1/subscribers/dave", "/v1/messages", "/v1/environments/me")) {
            expectProblem(http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token),
                    403, "a subscriber token reaches only /v1/widgets routes");
        }
        expectProblem(http.post().uri("/v1/events/trigger").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}"),
                403, "a subscriber token reaches only /v1/widgets routes");
    }

    @Test
    void aSecretKeyIsRefusedOnTheWidgetRoutes() {
        String secret = "sk_test_" + UUID.randomUUID();
        environmentService.register(ApiKeys.hash(secret), new ResolvedCredential(UUID.randomUUID(), UUID.randomUUID(),
                EnvironmentKind.DEVELOPMENT, null, null, null));

        expectProblem(http.get().uri(FEED).header(HttpHeaders.AUTHORIZATION, "ApiKey " + secret),
                403, "widget routes need a subscriber session token");
        assertThat(environmentService.lookups(ApiKeys.hash(secret))).isZero();
        // the same key still works where it belongs
        http.get().uri("/v1/subscribers").header(HttpHeaders.AUTHORIZATION, "ApiKey " + secret)
                .exchange().expectStatus().isOk();
    }

    @Test
    void anApplicationIdentifierIsNotAnApiKey() {
        App app = newApp(EnvironmentKind.DEVELOPMENT, false);
        expectProblem(http.get().uri("/v1/subscribers").header(HttpHeaders.AUTHORIZATION, "ApiKey " + app.identifier()),
                401, "API key is not valid");
    }

    @Test
    void expiredForgedOrForeignTokensAreRefused() {
        App app = newApp(EnvironmentKind.DEVELOPMENT, false);
        EnvironmentContext subscriber = app.subscriber("erin");

        Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new SubscriberTokens(TOKEN_KEY, null, Duration.ofMinutes(10), hourAgo).issue(subscriber);
        String otherKey = new SubscriberTokens("another-subscriber-token-key-0123456789", null, Duration.ofMinutes(10),
                Clock.systemUTC()).issue(subscriber);
        String contextAsToken = codec.sign(subscriber, "GET", FEED);
        String genuine = openSession(app, "erin");
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        expectUnauthorized(FEED, expired, "subscriber token has expired");
        for (String token : List.of(otherKey, contextAsToken, tampered, "not-a-token")) {
            expectUnauthorized(FEED, token, "bearer token is not valid");
        }
        expectUnauthorized(FEED, null, "missing Authorization header");
    }

    @Test
    void onlyPostOpensASession() {
        http.get().uri(SESSION).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    // --- helpers ---

    record App(String identifier, ResolvedCredential environment, String secret) {

        String hash(String subscriberId) {
            return StandInEnvironmentService.hmac(secret, subscriberId);
        }

        EnvironmentContext subscriber(String subscriberId) {
            return EnvironmentContext.subscriber(environment.organizationId(), environment.environmentId(),
                    environment.environmentKind(), environment.sourceEnvironmentId(), environment.targetEnvironmentId(),
                    subscriberId);
        }
    }

    private static App newApp(EnvironmentKind kind, boolean hmacRequired) {
        String identifier = "app_" + UUID.randomUUID().toString().replace("-", "");
        ResolvedCredential environment = new ResolvedCredential(UUID.randomUUID(), UUID.randomUUID(), kind,
                kind == EnvironmentKind.DEVELOPMENT ? null : UUID.randomUUID(),
                kind == EnvironmentKind.PRODUCTION ? null : UUID.randomUUID(), null);
        String secret = "widget-secret-" + UUID.randomUUID();
        environmentService.registerApplication(identifier, environment,
                new StandInEnvironmentService.WidgetSecret(secret, hmacRequired));
        return new App(identifier, environment, secret);
    }

    private String openSession(App app, String subscriberId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationIdentifier", app.identifier());
        body.put("subscriberId", subscriberId);
        body.put("hmacHash", app.hash(subscriberId));
        return json(session(body).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())
                .get("data").get("token").asString();
    }

    private WebTestClient.RequestHeadersSpec<?> session(Map<String, ?> body) {
        return http.post().uri(SESSION).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private WebTestClient.RequestHeadersSpec<?> rawSession(String body) {
        return http.post().uri(SESSION).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static StandInSubscriberService.SessionCall lastSessionOf(String subscriberId) {
        return subscriberService.sessions().stream()
                .filter(call -> subscriberId.equals(call.context().subscriberId()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no session upsert for " + subscriberId));
    }

    private void expectUnauthorized(String path, String token, String messagePart) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(path);
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        String body = request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(json(body).get("message").asString()).contains(messagePart);
    }

    private static void expectProblem(WebTestClient.RequestHeadersSpec<?> request, int status, String messagePart) {
        String body = request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode problem = json(body);
        assertThat(problem.get("statusCode").asInt()).isEqualTo(status);
        assertThat(problem.get("message").asString()).contains(messagePart);
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
