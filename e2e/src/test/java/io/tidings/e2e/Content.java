package io.tidings.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promotable content through the public API of one environment (its key): creates and edits in
 * development, reads anywhere. Every entity is answered as its id, the same in every environment.
 */
final class Content {

    private final Api gateway;
    private final String key;

    Content(Api gateway, String key) {
        this.gateway = gateway;
        this.key = key;
    }

    String group(String name) {
        return created(gateway.withKey("POST", "/v1/notification-groups", key, Map.of("name", name)));
    }

    void renameGroup(String id, String name) {
        ok(gateway.withKey("PATCH", "/v1/notification-groups/" + id, key, Map.of("name", name)));
    }

    String layout(String name, String content) {
        return created(gateway.withKey("POST", "/v1/layouts", key, Map.of("name", name, "content", content)));
    }

    void editLayout(String id, String content) {
        ok(gateway.withKey("PATCH", "/v1/layouts/" + id, key, Map.of("content", content)));
    }

    String feed(String name) {
        return created(gateway.withKey("POST", "/v1/feeds", key, Map.of("name", name)));
    }

    void brandColor(String color) {
        ok(gateway.withKey("PUT", "/v1/organizations/branding", key, Map.of("color", color)));
    }

    /** A workflow with an in_app step on the feed and an email step in the layout, both naming the version. */
    static Map<String, Object> workflowBody(String name, String groupId, String feedId, String layoutId, String version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (groupId != null) {
            body.put("notificationGroupId", groupId);
        }
        Map<String, Object> inApp = new LinkedHashMap<>();
        inApp.put("content", "Order {{orderId}} shipped (" + version + ")");
        if (feedId != null) {
            inApp.put("feedId", feedId);
        }
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("subject", "Shipped " + version);
        email.put("content", "Mail for {{orderId}} (" + version + ")");
        if (layoutId != null) {
            email.put("layoutId", layoutId);
        }
        body.put("steps", List.of(
                Map.of("name", "Inbox", "type", "in_app", "template", inApp),
                Map.of("name", "Mail", "type", "email", "template", email)));
        return body;
    }

    String workflow(Map<String, Object> body) {
        return created(gateway.withKey("POST", "/v1/notification-templates", key, body));
    }

    void editWorkflow(String id, Map<String, Object> body) {
        ok(gateway.withKey("PUT", "/v1/notification-templates/" + id, key, body));
    }

    void deleteWorkflow(String id) {
        ok(gateway.withKey("DELETE", "/v1/notification-templates/" + id, key, null));
    }

    void deleteGroup(String id) {
        ok(gateway.withKey("DELETE", "/v1/notification-groups/" + id, key, null));
    }

    // --- reads -----------------------------------------------------------------------------------

    /** The entity as the environment serves it, or null when it answers 404. */
    JsonNode workflowOrNull(String id) {
        return orNull(gateway.get("/v1/notification-templates/" + id, key));
    }

    JsonNode groupOrNull(String id) {
        return orNull(gateway.get("/v1/notification-groups/" + id, key));
    }

    JsonNode layoutOrNull(String id) {
        return orNull(gateway.get("/v1/layouts/" + id, key));
    }

    JsonNode feedOrNull(String id) {
        Api.Response feeds = gateway.get("/v1/feeds", key);
        assertThat(feeds.status()).as(feeds.raw()).isEqualTo(200);
        for (JsonNode feed : feeds.data()) {
            if (id.equals(feed.get("_id").asString())) {
                return feed;
            }
        }
        return null;
    }

    JsonNode brand() {
        return ok(gateway.get("/v1/organizations/branding", key));
    }

    /**
     * What the environment serves for these entities, without the time of the last write (a
     * revert writes the same content again): compare two of them to tell "exactly as before".
     */
    Map<String, JsonNode> snapshot(Map<String, String> entities) {
        Map<String, JsonNode> snapshot = new LinkedHashMap<>();
        entities.forEach((id, type) -> {
            JsonNode entity = switch (type) {
                case "workflow" -> workflowOrNull(id);
                case "notification_group" -> groupOrNull(id);
                case "layout" -> layoutOrNull(id);
                case "feed" -> feedOrNull(id);
                case "brand" -> brand();
                default -> throw new IllegalArgumentException(type);
            };
            snapshot.put(type + ":" + id, withoutWriteTime(entity));
        });
        return snapshot;
    }

    /** The time of the last write differs after a revert that wrote the same content again. */
    static JsonNode withoutWriteTime(JsonNode entity) {
        return without(entity, "updatedAt");
    }

    /** A copy of the entity without the named fields; null stays null. */
    static JsonNode without(JsonNode entity, String... fields) {
        if (entity instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            for (String field : fields) {
                copy.remove(field);
            }
            return copy;
        }
        return entity;
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.data().get("_id").asString();
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.data();
    }

    private static JsonNode orNull(Api.Response response) {
        if (response.status() == 404) {
            return null;
        }
        return ok(response);
    }
}
