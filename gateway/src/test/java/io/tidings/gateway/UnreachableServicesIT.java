package io.tidings.gateway;

import io.tidings.platform.test.SignedClient;
import io.tidings.platform.test.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * When a service is down, callers get a 503 they may retry, never a 500; when it accepted the
 * request but never answers, a 504 after the upstream timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnreachableServicesIT {

    static final String ADMIN_TOKEN = "unreachable-it-admin-token";
    static final int CLOSED_PORT = closedPort();
    /** Takes connections (the kernel completes them) and never reads or answers a byte. */
    static final ServerSocket SILENT = silentSocket();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("tidings.gateway.environment-service-uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("tidings.gateway.subscriber-service-uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("tidings.context.signing-key", () -> "unreachable-it-signing-key-0123456789abcdef");
        registry.add("tidings.gateway.admin-token", () -> ADMIN_TOKEN);
        registry.add("tidings.gateway.promotion-service-uri", () -> "http://127.0.0.1:" + SILENT.getLocalPort());
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Test
    void aCredentialLookupThatCannotConnectIsA503() {
        client().get().uri("/v1/environments/me")
                .header(HttpHeaders.AUTHORIZATION, "ApiKey sk_test_anything")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").isEqualTo("credential service unavailable");
    }

    @Test
    void aRouteWhoseServiceIsDownIsA503() {
        client().get().uri("/v1/environments/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").isEqualTo("upstream service unavailable");
    }

    @Test
    void aWidgetSessionWhoseEnvironmentCannotBeResolvedIsA503() {
        client().post().uri("/v1/widgets/session/initialize")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"applicationIdentifier\": \"app_anything\", \"subscriberId\": \"alice\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.message").isEqualTo("credential service unavailable");
    }

    @Test
    void aWidgetRouteWhoseServiceIsDownIsA503() {
        client().get().uri("/v1/subscribers")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .exchange()
                .expectStatus().isEqualTo(503);
    }

    @Test
    void aServiceThatNeverAnswersIsA504AfterTheUpstreamTimeout() {
        client().get().uri("/v1/changes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.statusCode").isEqualTo(504);
    }

    private WebTestClient client() {
        return SignedClient.local(port, Duration.ofSeconds(10));
    }

    /** A port nothing listens on: bound once to find it free, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerSocket silentSocket() {
        try {
            return new ServerSocket(0, 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
