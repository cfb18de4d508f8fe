package io.tidings.e2e;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 helpers: pending changes, promotions and their sagas through the gateway, as a script
 * or an SDK would drive them with an environment's key.
 */
final class Promote {

    /** How long a saga may take on this slow, shared machine, restarts of killed services included. */
    static final Duration SAGA = Duration.ofSeconds(150);
    /** How long a revision may take to reach promotion-service's projection (and so the changes list). */
    static final Duration PROJECTION = Duration.ofSeconds(30);
    private static final Set<String> FINISHED = Set.of("completed", "failed");

    private final Api gateway;

    Promote(Api gateway) {
        this.gateway = gateway;
    }

    /** Every pending change of the key's environment towards its target (one page of up to 100). */
    List<JsonNode> pending(String key) {
        Api.Response page = gateway.get("/v1/changes?promoted=false&page=0&limit=100", key);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<JsonNode> changes = new ArrayList<>();
        page.data().forEach(changes::add);
        return changes;
    }

    /** The pending change of the entity, or null. */
    JsonNode change(String key, String entityId) {
        return pending(key).stream().filter(c -> entityId.equals(c.get("key").asString())).findFirst().orElse(null);
    }

    /** Waits until the entity's latest edit is in the changes list with this change type, and answers the change. */
    JsonNode awaitChange(String key, String entityId, String changeType) {
        return pollEvery200ms(() -> change(key, entityId), c -> c != null && changeType.equals(c.get("changeType").asString()),
                PROJECTION, "a pending '" + changeType + "' change of " + entityId);
    }

    /** Waits until every listed entity has a pending change (an edit reaches the projection through Kafka). */
    Map<String, JsonNode> awaitChanges(String key, List<String> entityIds) {
        List<JsonNode> changes = pollEvery200ms(() -> pending(key),
                list -> entityIds.stream().allMatch(id -> list.stream().anyMatch(c -> id.equals(c.get("key").asString()))),
                PROJECTION, "pending changes of " + entityIds);
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        changes.forEach(c -> byKey.put(c.get("key").asString(), c));
        return byKey;
    }

    void awaitNoChanges(String key) {
        pollEvery200ms(() -> pending(key), List::isEmpty, PROJECTION, "no pending changes");
    }

    Api.Response all(String key) {
        return gateway.withKey("POST", "/v1/promotions", key, Map.of("all", true));
    }

    Api.Response selected(String key, List<String> changeIds) {
        return gateway.withKey("POST", "/v1/changes/bulk/apply", key, Map.of("changeIds", changeIds));
    }

    /** Starts a promotion of everything pending and answers its id. */
    String startAll(String key) {
        return accepted(all(key));
    }

    /** The id of a started saga, from a 202 answer. */
    static String accepted(Api.Response started) {
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.data().get("status").asString()).isIn("running", "completed", "failed", "compensating");
        return started.data().get("_id").asString();
    }

    JsonNode promotion(String key, String promotionId) {
        Api.Response found = gateway.get("/v1/promotions/" + promotionId, key);
        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        return found.data();
    }

    /** Polls every 200 ms until the saga is completed or failed, and answers it then. */
    JsonNode awaitFinished(String key, String promotionId) {
        return pollEvery200ms(() -> promotion(key, promotionId), p -> FINISHED.contains(p.get("status").asString()),
                SAGA, "promotion " + promotionId + " to finish");
    }

    JsonNode awaitCompleted(String key, String promotionId) {
        JsonNode done = awaitFinished(key, promotionId);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        return done;
    }

    /**
     * Waits until the named entities' edits are pending (they reach the projection through Kafka),
     * promotes everything pending, waits until the saga completed and the changes list is empty,
     * and answers the saga.
     */
    JsonNode all(String key, String... editedEntityIds) {
        awaitChanges(key, List.of(editedEntityIds));
        JsonNode done = awaitCompleted(key, startAll(key));
        awaitNoChanges(key);
        return done;
    }

    /** Sagas and the projection move in steps of a few hundred milliseconds: no need to ask more often. */
    static <T> T pollEvery200ms(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done, Duration timeout,
                                String what) {
        return Delivery.eventually(read, done, timeout, Duration.ofMillis(200), what);
    }

    /** The saga's item for the entity. */
    static JsonNode item(JsonNode promotion, String entityId) {
        for (JsonNode item : promotion.get("items")) {
            if (entityId.equals(item.get("key").asString())) {
                return item;
            }
        }
        throw new AssertionError("promotion " + promotion.get("_id") + " has no item " + entityId + ": " + promotion);
    }
}
