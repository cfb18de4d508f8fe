package io.tidings.platform.test;

import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls a service the way the gateway does in its integration tests: each request carries a
 * context signed for its method and path. Answers are checked for status and problem+json shape.
 */
public final class SignedClient {

    private final WebTestClient http;
    private final ContextCodec codec;
    private final JsonMapper json = JsonMapper.builder().build();

    public SignedClient(int port, ContextCodec codec) {
        this.http = local(port, Duration.ofSeconds(20));
        this.codec = codec;
    }

    /** A plain client of the server on this local port: no context, no credentials. */
    public static WebTestClient local(int port, Duration responseTimeout) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(responseTimeout).build();
    }

    public WebTestClient http() {
        return http;
    }

    /** A request with a context signed for it, or with none when {@code context} is null. */
    public WebTestClient.RequestHeadersSpec<?> call(HttpMethod method, String pathAndQuery, EnvironmentContext context, Object body) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        WebTestClient.RequestBodySpec spec = http.method(method).uri(pathAndQuery);
        if (context != null) {
            spec = spec.header(ContextCodec.HEADER, codec.sign(context, method.name(), path));
        }
        return body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    /** The JSON body of an answer that must have this status. */
    public JsonNode ok(WebTestClient.RequestHeadersSpec<?> spec, int status) {
        WebTestClient.ResponseSpec response = exchange(spec);
        byte[] body = response.expectBody().returnResult().getResponseBody();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        response.expectStatus().value(actual -> assertThat(actual).as(text).isEqualTo(status));
        return json.readTree(body);
    }

    /** The problem of an answer that must be problem+json with this status, statusCode and a message. */
    public JsonNode problem(WebTestClient.RequestHeadersSpec<?> spec, int status) {
        WebTestClient.ResponseSpec response = exchange(spec);
        byte[] body = response.expectBody().returnResult().getResponseBody();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        response.expectStatus().value(actual -> assertThat(actual).as(text).isEqualTo(status));
        response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(body);
        assertThat(problem.get("statusCode").asInt()).isEqualTo(status);
        assertThat(problem.get("message").asString()).isNotBlank();
        return problem;
    }

    /** Sends the request; when no answer comes in time, prints every thread first, to show what held it up. */
    public static WebTestClient.ResponseSpec exchange(WebTestClient.RequestHeadersSpec<?> spec) {
        try {
            return spec.exchange();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("Timeout")) {
                ThreadDump.print("no answer in time");
            }
            throw e;
        }
    }
}
