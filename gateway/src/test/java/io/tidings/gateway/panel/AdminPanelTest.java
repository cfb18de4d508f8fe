package io.tidings.gateway.panel;

import io.tidings.platform.test.SignedClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway serves the admin panel to anyone, and nothing else changes: every /v1 route still
 * wants a credential. Boots the real gateway without Kafka or any service behind it (no request
 * here reaches one), so it runs with the unit tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "tidings.context.signing-key=admin-panel-test-signing-key-0123456789abcdef",
        "tidings.kafka.create-topics=false",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "tidings.gateway.environment-service-uri=http://127.0.0.1:9",
        "tidings.gateway.template-service-uri=http://127.0.0.1:9",
        "tidings.gateway.subscriber-service-uri=http://127.0.0.1:9",
        "tidings.gateway.promotion-service-uri=http://127.0.0.1:9",
})
class AdminPanelTest {

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = SignedClient.local(port, Duration.ofSeconds(10));
    }

    @Test
    void theRootServesThePanelWithoutACredential() {
        String html = http.get().uri("/").accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(html).contains("<title>Tidings admin</title>").contains("<script type=\"module\" src=\"/app.js\"></script>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app.js", "/lib/api.js", "/lib/diff.js", "/pages/signin.js", "/pages/changes.js", "/pages/history.js"})
    void theModulesAreServedAsJavaScriptAndRevalidated(String path) {
        // a module script with any other MIME type is refused by the browser
        http.get().uri(path)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectHeader().exists(HttpHeaders.LAST_MODIFIED);
    }

    @Test
    void theStyleSheetAndIndexFileAreServed() {
        http.get().uri("/panel.css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
        http.get().uri("/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    @Test
    void panelFilesOnlyRunTheGatewaysOwnScriptsAndTalkOnlyToItsOrigin() {
        for (String path : new String[] {"/", "/app.js", "/panel.css"}) {
            http.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("Content-Security-Policy", PanelSecurityHeaders.CONTENT_SECURITY_POLICY)
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY");
        }
        assertThat(PanelSecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/environments/me", "/v1/environments/api-keys", "/v1/notification-templates",
            "/v1/subscribers", "/v1/changes", "/v1/promotions"})
    void everyApiRouteStillNeedsAKey(String path) {
        http.get().uri(path)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("Content-Security-Policy")
                .expectBody(String.class).value(problem -> assertThat(problem).contains("missing Authorization header"));
    }

    @Test
    void aMissingPanelFileIsANotFoundProblem() {
        http.get().uri("/pages/nothing-here.js")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void onlyTheApiAndProbesAreOutsideThePanel() {
        assertThat(PanelSecurityHeaders.isPanelPath("/")).isTrue();
        assertThat(PanelSecurityHeaders.isPanelPath("/pages/changes.js")).isTrue();
        assertThat(PanelSecurityHeaders.isPanelPath("/v1")).isFalse();
        assertThat(PanelSecurityHeaders.isPanelPath("/v1/changes")).isFalse();
        assertThat(PanelSecurityHeaders.isPanelPath("/actuator/health/readiness")).isFalse();
    }
}
