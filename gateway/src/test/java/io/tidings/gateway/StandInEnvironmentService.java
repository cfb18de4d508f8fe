package io.tidings.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidings.gateway.widget.WidgetSessionHandler;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.InternalRoutes;
import io.tidings.platform.context.InvalidContextException;
import io.tidings.platform.context.PrincipalType;
import io.tidings.platform.context.ResolvedCredential;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server playing environment-service: it answers the internal API key and application
 * identifier lookups and the widget hash check (only with a valid SERVICE context for that very
 * method and path, like the real one), echoes on {@code /v1/environments/me} what reached it, and
 * counts lookups per key hash.
 */
final class StandInEnvironmentService implements AutoCloseable {

    static final String ECHO_PATH = "/v1/environments/me";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ContextCodec codec;
    private final Map<String, ResolvedCredential> credentials = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, ResolvedCredential> applications = new ConcurrentHashMap<>();
    private final Map<UUID, WidgetSecret> widgetSecrets = new ConcurrentHashMap<>();
    private final AtomicInteger hashChecks = new AtomicInteger();

    /** An environment's widget secret, and whether a session must prove the subscriber with it. */
    record WidgetSecret(String secret, boolean hmacRequired) {
    }

    private StandInEnvironmentService(ContextCodec codec) throws IOException {
        this.codec = codec;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(Executors.newCachedThreadPool());
        this.server.createContext(InternalRoutes.API_KEY_LOOKUP, exchange -> answer(exchange, this::lookup));
        this.server.createContext(ECHO_PATH, exchange -> answer(exchange, this::echo));
        this.server.createContext(InternalRoutes.APPLICATION_LOOKUP, exchange -> answer(exchange, this::application));
        this.server.createContext(WidgetSessionHandler.VERIFY_PATH, exchange -> answer(exchange, this::verifyHash));
        this.server.start();
    }

    static StandInEnvironmentService start(ContextCodec codec) {
        try {
            return new StandInEnvironmentService(codec);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in environment-service", e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void register(String keyHash, ResolvedCredential credential) {
        credentials.put(keyHash, credential);
    }

    void forget(String keyHash) {
        credentials.remove(keyHash);
    }

    void answerSlowly(String keyHash, Duration delay) {
        delays.put(keyHash, delay);
    }

    void registerApplication(String identifier, ResolvedCredential environment, WidgetSecret secret) {
        applications.put(identifier, environment);
        widgetSecrets.put(environment.environmentId(), secret);
    }

    int hashChecks() {
        return hashChecks.get();
    }

    /** What a customer's backend computes: hex(HMAC-SHA256(widget secret, subscriberId)). */
    static String hmac(String secret, String subscriberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(subscriberId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int lookups(String keyHash) {
        AtomicInteger count = lookups.get(keyHash);
        return count == null ? 0 : count.get();
    }

    /** The JDK server leaves a request hanging when a handler throws; answer 500 instead. */
    private static void answer(HttpExchange exchange, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        try {
            handler.handle(exchange);
        } catch (RuntimeException | IOException e) {
            e.printStackTrace(); // shows in the failsafe output beside the failing test
            respond(exchange, 500, Map.of("message", String.valueOf(e)));
        }
    }

    private void lookup(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        try {
            var context = codec.verify(exchange.getRequestHeaders().getFirst(ContextCodec.HEADER), "GET", path);
            if (context.principal() != PrincipalType.SERVICE) {
                respond(exchange, 403, Map.of("message", "internal route"));
                return;
            }
        } catch (InvalidContextException e) {
            respond(exchange, 401, Map.of("message", e.getMessage()));
            return;
        }
        String hash = path.substring(InternalRoutes.API_KEY_LOOKUP.length());
        lookups.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
        Duration delay = delays.get(hash);
        if (delay != null) {
            sleep(delay);
        }
        ResolvedCredential credential = credentials.get(hash);
        if (credential == null) {
            respond(exchange, 404, Map.of("message", "unknown credential"));
            return;
        }
        // an extra member the gateway must tolerate
        respond(exchange, 200, Map.of("data", credential, "servedBy", "stand-in"));
    }

    private void application(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!serviceContext(exchange, "GET", path)) {
            return;
        }
        ResolvedCredential environment = applications.get(path.substring(InternalRoutes.APPLICATION_LOOKUP.length()));
        if (environment == null) {
            respond(exchange, 404, Map.of("message", "no environment with this application identifier"));
            return;
        }
        respond(exchange, 200, Map.of("data", environment));
    }

    private void verifyHash(HttpExchange exchange) throws IOException {
        if (!serviceContext(exchange, "POST", exchange.getRequestURI().getRawPath())) {
            return;
        }
        hashChecks.incrementAndGet();
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (body.size() != 3 || !body.has("environmentId") || !body.has("subscriberId") || !body.has("hmacHash")) {
            respond(exchange, 400, Map.of("detail", "unexpected verify body " + body));
            return;
        }
        WidgetSecret secret = widgetSecrets.get(UUID.fromString(body.get("environmentId").asString()));
        if (secret == null) {
            respond(exchange, 404, Map.of("detail", "no such environment"));
            return;
        }
        String presented = body.get("hmacHash").isNull() ? null : body.get("hmacHash").asString();
        boolean valid = presented == null
                ? !secret.hmacRequired()
                : presented.equals(hmac(secret.secret(), body.get("subscriberId").asString()));
        respond(exchange, 200, Map.of("data", Map.of("valid", valid, "hmacRequired", secret.hmacRequired())));
    }

    /** Answers 401/403 itself and returns false unless the request carries a SERVICE context for it. */
    private boolean serviceContext(HttpExchange exchange, String method, String path) throws IOException {
        try {
            var context = codec.verify(exchange.getRequestHeaders().getFirst(ContextCodec.HEADER), method, path);
            if (context.principal() != PrincipalType.SERVICE) {
                respond(exchange, 403, Map.of("message", "internal route"));
                return false;
            }
            return true;
        } catch (InvalidContextException e) {
            respond(exchange, 401, Map.of("message", e.getMessage()));
            return false;
        }
    }

    private void echo(HttpExchange exchange) throws IOException {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("method", exchange.getRequestMethod());
        seen.put("path", exchange.getRequestURI().getRawPath());
        seen.put("context", exchange.getRequestHeaders().getFirst(ContextCodec.HEADER));
        seen.put("authorizationPresent", exchange.getRequestHeaders().containsKey("Authorization"));
        List<String> tidingsHeaders = exchange.getRequestHeaders().keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("x-tidings-"))
                .toList();
        seen.put("tidingsHeaders", tidingsHeaders);
        seen.put("contextValues", exchange.getRequestHeaders().getOrDefault(ContextCodec.HEADER, List.of()));
        respond(exchange, 200, seen);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
