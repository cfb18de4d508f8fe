package io.tidings.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for system tests: what a Novu SDK or curl would send. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, String contentType, JsonNode body, String raw) {
        public JsonNode data() {
            return body.get("data");
        }
    }

    public Response send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = raw == null || raw.isBlank() ? null : readOrNull(raw);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response withKey(String method, String path, String secret, Object body) {
        return send(method, path, Map.of("Authorization", "ApiKey " + secret), body == null ? null : JSON.writeValueAsString(body));
    }

    public Response get(String path, String secret) {
        return withKey("GET", path, secret, null);
    }

    public Response admin(String method, String path, String token, Object body) {
        return send(method, path, Map.of("Authorization", "Bearer " + token), body == null ? null : JSON.writeValueAsString(body));
    }

    private static JsonNode readOrNull(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
