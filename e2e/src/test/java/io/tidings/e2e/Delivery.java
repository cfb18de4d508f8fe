package io.tidings.e2e;

import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 4 helpers: workflows, triggers that wait for the read model, bounded polling, widget hashes. */
final class Delivery {

    /** How long content written through template-service may take to reach subscriber-service's read model. */
    static final Duration READ_MODEL = Duration.ofSeconds(20);
    /** How long an after-commit delivery (webhook, its execution detail) may take. */
    static final Duration AFTER_COMMIT = Duration.ofSeconds(15);

    private Delivery() {
    }

    static Map<String, Object> step(String name, String type, String content) {
        return Map.of("name", name, "type", type, "template", Map.of("content", content));
    }

    /** Creates a workflow in the key's environment and answers its trigger identifier. */
    static String workflow(Api gateway, String key, String name, List<Map<String, Object>> steps) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("steps", steps);
        Api.Response created = gateway.withKey("POST", "/v1/notification-templates", key, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.data().get("triggers").get(0).get("identifier").asString();
    }

    static Map<String, Object> trigger(String name, Object to, Object payload, String transactionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("to", to);
        body.put("payload", payload);
        if (transactionId != null) {
            body.put("transactionId", transactionId);
        }
        return body;
    }

    /**
     * Triggers until the workflow has reached the read model (404 before), and answers the first
     * accepted trigger's acknowledgement. A 404 trigger stores nothing, so the retries are harmless.
     */
    static JsonNode triggerOnceReadable(Api gateway, String key, Map<String, Object> body) {
        Api.Response response = eventually(() -> gateway.withKey("POST", "/v1/events/trigger", key, body),
                r -> r.status() != 404, READ_MODEL, "trigger " + body.get("name") + " to be found");
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(response.data().get("acknowledged").asBoolean()).isTrue();
        return response.data();
    }

    /** Polls every 100 ms until the value satisfies the condition, or fails after the timeout with the last value. */
    static <T> T eventually(Supplier<T> read, Predicate<T> done, Duration timeout, String what) {
        return eventually(read, done, timeout, Duration.ofMillis(100), what);
    }

    /** Polls every {@code interval} until the value satisfies the condition, or fails after the timeout with the last value. */
    static <T> T eventually(Supplier<T> read, Predicate<T> done, Duration timeout, Duration interval, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last: " + value);
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        return value;
    }

    /** Every item of a list answer's {@code data}. */
    static List<JsonNode> items(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.data().forEach(items::add);
        return items;
    }

    static List<String> values(List<JsonNode> items, String field) {
        return items.stream().map(item -> item.path(field).asString(null)).toList();
    }

    /** hex(HMAC-SHA256(key = UTF-8 bytes of the widget secret, message = subscriberId)), as a customer's backend computes it. */
    static String hmac(String widgetSecret, String subscriberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(widgetSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(subscriberId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String widgetSecret(Api gateway, String key) {
        Api.Response settings = gateway.get("/v1/environments/widget-settings", key);
        assertThat(settings.status()).as(settings.raw()).isEqualTo(200);
        return settings.data().get("widgetSecret").asString();
    }

    static Api.Response session(Api gateway, String applicationIdentifier, String subscriberId, String hmacHash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationIdentifier", applicationIdentifier);
        body.put("subscriberId", subscriberId);
        if (hmacHash != null) {
            body.put("hmacHash", hmacHash);
        }
        return gateway.send("POST", "/v1/widgets/session/initialize", Map.of(), Api.JSON.writeValueAsString(body));
    }

    static String token(Api gateway, String applicationIdentifier, String subscriberId, String hmacHash) {
        Api.Response session = session(gateway, applicationIdentifier, subscriberId, hmacHash);
        assertThat(session.status()).as(session.raw()).isEqualTo(200);
        assertThat(session.data().get("profile").get("subscriberId").asString()).isEqualTo(subscriberId);
        return session.data().get("token").asString();
    }

    static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(status);
        assertThat(response.body().get("message").asString()).isNotBlank();
    }

    static String detail(Api.Response response) {
        return response.body().path("detail").asString("");
    }
}
