package io.tidings.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo organization: created once through the gateway, its environments' keys kept in {@code demo.json}
 * because the API shows a secret key only when it is created.
 */
public final class DemoSeed {

    public static final String FILE = "demo.json";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public record DemoEnvironment(String name, String identifier, String kind, String apiKey) {
    }

    public record Demo(String organizationId, String organizationName, List<DemoEnvironment> environments) {

        /** The development environment (the root of the chain), else the first one; null when there is none. */
        public DemoEnvironment development() {
            return environments.stream()
                    .filter(e -> "DEVELOPMENT".equalsIgnoreCase(e.kind()) || "development".equalsIgnoreCase(e.name()))
                    .findFirst()
                    .orElse(environments.isEmpty() ? null : environments.get(0));
        }
    }

    private DemoSeed() {
    }

    /** Reads the saved demo, or null when it was never seeded. */
    public static Demo load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return fromJson(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
    }

    public static void save(Path dataDir, Demo demo) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("organizationId", demo.organizationId());
        root.put("organizationName", demo.organizationName());
        ArrayNode environments = root.putArray("environments");
        for (DemoEnvironment e : demo.environments()) {
            environments.addObject()
                    .put("name", e.name())
                    .put("identifier", e.identifier())
                    .put("kind", e.kind())
                    .put("apiKey", e.apiKey());
        }
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    /**
     * Parses the answer to {@code POST /v1/organizations}. Tolerant: the organization may be wrapped in
     * {@code data} or not, and a few alternative field names are accepted.
     */
    public static Demo parseCreateResponse(String body) {
        JsonNode root = JSON.readTree(body);
        JsonNode org = root.has("data") && root.get("data").isObject() ? root.get("data") : root;
        return fromJson(org);
    }

    private static Demo fromJson(JsonNode org) {
        List<DemoEnvironment> environments = new ArrayList<>();
        for (JsonNode env : org.path("environments")) {
            environments.add(new DemoEnvironment(
                    text(env, "name"),
                    text(env, "identifier", "applicationIdentifier", "appId"),
                    text(env, "kind"),
                    text(env, "apiKey", "secretKey", "apiSecret", "key")));
        }
        return new Demo(text(org, "_id", "id", "organizationId"), text(org, "name", "organizationName"),
                List.copyOf(environments));
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && value.isValueNode()) {
                return value.asString();
            }
        }
        return null;
    }

    /**
     * Creates the demo organization through the gateway. Retries connection failures and 5xx answers a few times
     * (the gateway may be ready a moment before its routes are).
     */
    public static Demo seed(String gatewayUrl, String adminToken, String organizationName) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("name", organizationName));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/organizations"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        String problem = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return parseCreateResponse(response.body());
                }
                problem = "POST /v1/organizations answered HTTP " + status + ": " + response.body();
                if (status < 500) {
                    break;
                }
            } catch (IOException e) {
                problem = "POST /v1/organizations failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while seeding the demo organization", e);
            }
            ServiceProcess.sleep(Duration.ofSeconds(2));
        }
        throw new IOException(problem);
    }
}
