package io.tidings.gateway;

import io.tidings.platform.test.SignedClient;
import io.tidings.platform.context.ApiKeys;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.PrincipalType;
import io.tidings.platform.context.ResolvedCredential;
import io.tidings.platform.messaging.EnvironmentEvent;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.test.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway booted for real, in front of a real stand-in environment-service and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIT {

    static final String SIGNING_KEY = "gateway-it-signing-key-0123456789abcdef";
    static final String ADMIN_TOKEN = "gateway-it-admin-token";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final StandInEnvironmentService environmentService = StandInEnvironmentService.start(
            new ContextCodec(SIGNING_KEY, Duration.ofSeconds(30), Clock.systemUTC()));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("tidings.gateway.environment-service-uri", environmentService::baseUri);
        registry.add("tidings.context.signing-key", () -> SIGNING_KEY);
        registry.add("tidings.gateway.admin-token", () -> ADMIN_TOKEN);
        registry.add("tidings.gateway.credential-lookup-timeout", () -> "2s");
    }

    @AfterAll
    static void stopStandIn() {
        environmentService.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ContextCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = SignedClient.local(port, Duration.ofSeconds(10));
    }

    @Test
    void aValidApiKeyIsForwardedWithASignedContextAndWithoutTheSecret() {
        Key key = newKey(null);

        JsonNode seen = echo("ApiKey " + key.secret());

        assertThat(seen.get("authorizationPresent").asBoolean()).isFalse();
        EnvironmentContext context = codec.verify(seen.get("context").asString(), "GET", StandInEnvironmentService.ECHO_PATH);
        assertThat(context.principal()).isEqualTo(PrincipalType.API_KEY);
        assertThat(context).isEqualTo(key.credential().toApiKeyContext());
    }

    @Test
    void forgedTidingsHeadersNeverReachTheService() {
        Key key = newKey(null);

        JsonNode seen = json(http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, "ApiKey " + key.secret())
                .header(ContextCodec.HEADER, "forged")
                .header("X-Tidings-Environment", UUID.randomUUID().toString())
                .header("x-tidings-anything", "forged")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        // header names are case-insensitive; the JDK server reports them as "X-tidings-context"
        assertThat(seen.get("tidingsHeaders").valueStream().map(name -> name.asString().toLowerCase(Locale.ROOT)).toList())
                .containsExactly(ContextCodec.HEADER.toLowerCase(Locale.ROOT));
        assertThat(seen.get("contextValues").size()).isEqualTo(1);
        assertThat(codec.verify(seen.get("contextValues").get(0).asString(), "GET", StandInEnvironmentService.ECHO_PATH))
                .isEqualTo(key.credential().toApiKeyContext());
    }

    @Test
    void aForgedContextAloneDoesNotAuthenticate() {
        String forged = codec.sign(EnvironmentContext.admin(), "GET", StandInEnvironmentService.ECHO_PATH);
        expectUnauthorized(http.get().uri(StandInEnvironmentService.ECHO_PATH).header(ContextCodec.HEADER, forged),
                "missing Authorization header");
    }

    @Test
    void aMissingAuthorizationHeaderIsRefusedWithAProblem() {
        expectUnauthorized(http.get().uri(StandInEnvironmentService.ECHO_PATH), "missing Authorization header");
    }

    @Test
    void aMalformedAuthorizationHeaderIsRefusedWithAProblem() {
        expectUnauthorized(http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz"), "unsupported Authorization scheme");
        expectUnauthorized(http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, "ApiKey    "), "empty API key");
        expectUnauthorized(http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, "ApiKey " + "x".repeat(2100)), "too long");
    }

    @Test
    void anUnknownApiKeyIsRefusedWithAProblem() {
        expectUnauthorized(http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, "ApiKey sk_unknown_" + UUID.randomUUID()), "API key is not valid");
    }

    @Test
    void anExpiredApiKeyIsRefused() {
        Key key = newKey(Instant.now().minusSeconds(1));
        expectUnauthorized(http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, "ApiKey " + key.secret()), "API key has expired");
    }

    @Test
    void theAdminTokenActsAsTheOperator() {
        JsonNode seen = echo("Bearer " + ADMIN_TOKEN);

        assertThat(seen.get("authorizationPresent").asBoolean()).isFalse();
        assertThat(codec.verify(seen.get("context").asString(), "GET", StandInEnvironmentService.ECHO_PATH))
                .isEqualTo(EnvironmentContext.admin());
    }

    @Test
    void anyOtherBearerTokenIsRefused() {
        expectUnauthorized(http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-admin-token"), "bearer token is not valid");
    }

    @Test
    void aKnownKeyIsLookedUpOnceAndThenServedFromTheCache() {
        Key key = newKey(null);
        double hitsBefore = metric("cache_gets_total", "cache=\"credentials\"", "result=\"hit\"");

        echo("ApiKey " + key.secret());
        echo("ApiKey " + key.secret());

        assertThat(environmentService.lookups(key.hash())).isEqualTo(1);
        assertThat(metric("cache_gets_total", "cache=\"credentials\"", "result=\"hit\"")).isGreaterThan(hitsBefore);
    }

    @Test
    void aRevokedKeyStopsWorkingWithinASecond() throws Exception {
        awaitReady();
        Key key = newKey(null);
        echo("ApiKey " + key.secret());
        environmentService.forget(key.hash());

        publish(new EnvironmentEvent(EnvironmentEvent.Type.KEY_REVOKED, key.credential().organizationId(),
                UUID.randomUUID(), "Development", EnvironmentKind.DEVELOPMENT, null, List.of(key.hash()), Instant.now()));

        await().atMost(1, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> status("ApiKey " + key.secret()) == 401);
        assertThat(environmentService.lookups(key.hash())).isEqualTo(2);
    }

    @Test
    void anEventOfTheEnvironmentDropsAllItsCachedKeys() throws Exception {
        awaitReady();
        Key key = newKey(null);
        echo("ApiKey " + key.secret());

        publish(new EnvironmentEvent(EnvironmentEvent.Type.KEY_ROTATED, key.credential().organizationId(),
                key.credential().environmentId(), "Development", EnvironmentKind.DEVELOPMENT, null, List.of(),
                Instant.now()));

        await().atMost(1, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    echo("ApiKey " + key.secret());
                    return environmentService.lookups(key.hash()) >= 2;
                });
    }

    @Test
    void anUnreadableEventIsSkippedAndLaterEventsStillApply() throws Exception {
        awaitReady();
        Key key = newKey(null);
        echo("ApiKey " + key.secret());
        environmentService.forget(key.hash());

        kafka.send(Topics.ENVIRONMENT_EVENTS, "garbage", "{not json").get(5, TimeUnit.SECONDS);
        publish(new EnvironmentEvent(EnvironmentEvent.Type.KEY_REVOKED, key.credential().organizationId(),
                UUID.randomUUID(), "Development", EnvironmentKind.DEVELOPMENT, null, List.of(key.hash()), Instant.now()));

        await().atMost(2, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> status("ApiKey " + key.secret()) == 401);
    }

    @Test
    void aSlowCredentialServiceGives503AndIsAskedAgainNextTime() {
        Key key = newKey(null);
        environmentService.answerSlowly(key.hash(), Duration.ofMillis(3000));

        http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, "ApiKey " + key.secret())
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").isEqualTo("credential service unavailable");

        environmentService.answerSlowly(key.hash(), Duration.ZERO);
        // Caffeine drops the failed lookup a moment after the 503 went out
        await().atMost(2, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> status("ApiKey " + key.secret()) == 200);
        assertThat(environmentService.lookups(key.hash())).isEqualTo(2);
    }

    @Test
    void internalRoutesAreNotReachableThroughTheGateway() {
        Key key = newKey(null);
        http.get().uri("/internal/credentials/api-keys/" + key.hash())
                .header(HttpHeaders.AUTHORIZATION, "ApiKey " + key.secret())
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.statusCode").isEqualTo(404);
        assertThat(environmentService.lookups(key.hash())).isZero();
    }

    @Test
    void anUnroutedPathIsANotFoundProblem() {
        http.get().uri("/v1/nothing-here")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.statusCode").isEqualTo(404);
    }

    @Test
    void probesAndMetricsNeedNoCredentialAndShowGatewayRequests() {
        echo("Bearer " + ADMIN_TOKEN);
        awaitReady();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        String metrics = prometheus();
        assertThat(metrics).contains("spring_cloud_gateway_requests_seconds_count");
        assertThat(metrics).contains("cache_evictions_total{");
    }

    // --- helpers ---

    record Key(String secret, String hash, ResolvedCredential credential) {
    }

    private Key newKey(Instant expiresAt) {
        String secret = "sk_test_" + UUID.randomUUID();
        ResolvedCredential credential = new ResolvedCredential(UUID.randomUUID(), UUID.randomUUID(),
                EnvironmentKind.DEVELOPMENT, null, UUID.randomUUID(), expiresAt);
        String hash = ApiKeys.hash(secret);
        environmentService.register(hash, credential);
        return new Key(secret, hash, credential);
    }

    private JsonNode echo(String authorization) {
        return json(http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private int status(String authorization) {
        return http.get().uri(StandInEnvironmentService.ECHO_PATH)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange()
                .returnResult(String.class).getStatus().value();
    }

    private static void expectUnauthorized(WebTestClient.RequestHeadersSpec<?> request, String messagePart) {
        String body = request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode problem = json(body);
        assertThat(problem.get("statusCode").asInt()).isEqualTo(401);
        assertThat(problem.get("message").asString()).contains(messagePart);
    }

    private void publish(EnvironmentEvent event) throws Exception {
        kafka.send(Topics.ENVIRONMENT_EVENTS, String.valueOf(event.environmentId()), JSON.writeValueAsString(event))
                .get(5, TimeUnit.SECONDS);
    }

    private void awaitReady() {
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get().uri("/actuator/health/readiness").exchange()
                        .returnResult(String.class).getStatus().value() == 200);
    }

    private String prometheus() {
        return http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Sum of the samples of a metric whose labels contain every given label. */
    private double metric(String name, String... labels) {
        double sum = 0;
        Matcher line = Pattern.compile("^" + name + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(prometheus());
        while (line.find()) {
            String found = line.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
