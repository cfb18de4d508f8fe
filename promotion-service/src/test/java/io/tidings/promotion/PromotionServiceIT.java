package io.tidings.promotion;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidings.platform.content.ContentHash;
import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.messaging.EnvironmentEvent;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.test.SignedClient;
import io.tidings.platform.test.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 5, read side: the environment chain, the content projection, pending changes, counts and diffs. */
class PromotionServiceIT extends PromotionITSupport {


    @Test
    void createdUpdatedAndDeletedAreChangesAndEqualOrBothDeletedAreNot() {
        Org org = org();
        UUID created = UUID.randomUUID();
        UUID updated = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        UUID deletedNeverPromoted = UUID.randomUUID();
        UUID same = UUID.randomUUID();
        UUID deletedInBoth = UUID.randomUUID();
        UUID recreated = UUID.randomUUID();

        publish(org, org.dev(), created, 1, false, workflow("Welcome", "Hi", "in_app"));
        publish(org, org.prod(), updated, 1, false, workflow("Digest", "Weekly", "email", "in_app"));
        publish(org, org.dev(), updated, 1, false, workflow("Digest", "Weekly", "email", "in_app"));
        publish(org, org.dev(), updated, 2, false, workflow("Digest", "Your week", "email"));
        publish(org, org.prod(), deleted, 3, false, workflow("Old", "Old", "sms"));
        publish(org, org.dev(), deleted, 4, true, workflow("Old", "Old", "sms"));
        publish(org, org.dev(), deletedNeverPromoted, 2, true, workflow("Draft", "Draft"));
        publish(org, org.prod(), same, 1, false, workflow("Same", "Same"));
        publish(org, org.dev(), same, 5, false, workflow("Same", "Same"));
        publish(org, org.prod(), deletedInBoth, 2, true, workflow("Gone", "A"));
        publish(org, org.dev(), deletedInBoth, 3, true, workflow("Gone", "B"));
        publish(org, org.prod(), recreated, 2, true, workflow("Back", "A"));
        publish(org, org.dev(), recreated, 3, false, workflow("Back", "B"));

        Map<String, JsonNode> changes = changesByKey(org.devContext());
        assertThat(changes).containsOnlyKeys(created.toString(), updated.toString(), deleted.toString(), recreated.toString());
        assertThat(count(org.devContext())).isEqualTo(4);

        JsonNode c = changes.get(created.toString());
        assertThat(c.get("changeType").asString()).isEqualTo("created");
        assertThat(c.get("type").asString()).isEqualTo(ContentTypes.WORKFLOW);
        assertThat(c.get("name").asString()).isEqualTo("Welcome");
        assertThat(c.get("sourceRevision").asLong()).isEqualTo(1);
        assertThat(c.get("targetRevision").isNull()).isTrue();
        assertThat(c.get("changedBy").asString()).isEqualTo("user-1");
        assertThat(c.get("changedAt").asString()).isNotBlank();
        assertThat(c.get("_id").asString()).isNotBlank();

        JsonNode u = changes.get(updated.toString());
        assertThat(u.get("changeType").asString()).isEqualTo("updated");
        assertThat(u.get("sourceRevision").asLong()).isEqualTo(2);
        assertThat(u.get("targetRevision").asLong()).isEqualTo(1);
        assertThat(u.get("changedBy").asString()).isEqualTo("user-2");

        JsonNode d = changes.get(deleted.toString());
        assertThat(d.get("changeType").asString()).isEqualTo("deleted");
        assertThat(d.get("targetRevision").asLong()).isEqualTo(3);
        assertThat(changes.get(recreated.toString()).get("changeType").asString()).isEqualTo("created");

        // diffs: RFC 6902 from the target to the source, plus both documents
        JsonNode updatedDiff = diff(org.devContext(), u.get("_id").asString());
        assertThat(updatedDiff.get("changeId").asString()).isEqualTo(u.get("_id").asString());
        assertThat(updatedDiff.get("type").asString()).isEqualTo(ContentTypes.WORKFLOW);
        assertThat(updatedDiff.get("key").asString()).isEqualTo(updated.toString());
        assertThat(updatedDiff.get("source")).isEqualTo(workflow("Digest", "Your week", "email"));
        assertThat(updatedDiff.get("target")).isEqualTo(workflow("Digest", "Weekly", "email", "in_app"));
        assertThat(updatedDiff.get("patch")).isEqualTo(json.readTree("""
                [{"op":"replace","path":"/subject","value":"Your week"},{"op":"remove","path":"/steps/1"}]"""));

        JsonNode createdDiff = diff(org.devContext(), c.get("_id").asString());
        assertThat(createdDiff.get("target").isNull()).isTrue();
        assertThat(createdDiff.get("source")).isEqualTo(workflow("Welcome", "Hi", "in_app"));
        assertThat(createdDiff.get("patch")).isEqualTo(json.readTree("""
                [{"op":"add","path":"","value":{"name":"Welcome","subject":"Hi","steps":[{"type":"in_app"}]}}]"""));

        JsonNode deletedDiff = diff(org.devContext(), d.get("_id").asString());
        assertThat(deletedDiff.get("source").isNull()).isTrue();
        assertThat(deletedDiff.get("target")).isEqualTo(workflow("Old", "Old", "sms"));
        assertThat(deletedDiff.get("patch")).isEqualTo(json.readTree("""
                [{"op":"replace","path":"","value":null}]"""));

        // promotion history comes with the saga: promoted=true is an empty page for now
        JsonNode promoted = get("/v1/changes?promoted=true", org.devContext());
        assertThat(promoted.get("data")).isEmpty();
        assertThat(promoted.get("totalCount").asLong()).isZero();
        client.problem(client.call(HttpMethod.GET, "/v1/changes?promoted=maybe", org.devContext(), null), 400);
    }

    @Test
    void anEditBackToTheTargetRemovesTheChangeAndSeveralEditsAreOneChange() {
        Org org = org();
        UUID key = UUID.randomUUID();
        ObjectNode original = workflow("Alerts", "Original", "email");
        publish(org, org.prod(), key, 1, false, original);
        publish(org, org.dev(), key, 1, false, original);
        assertThat(count(org.devContext())).isZero();

        publish(org, org.dev(), key, 2, false, workflow("Alerts", "First edit", "email"));
        publish(org, org.dev(), key, 3, false, workflow("Alerts", "Second edit", "email"));
        publish(org, org.dev(), key, 4, false, workflow("Alerts", "Third edit", "email", "sms"));
        JsonNode list = get("/v1/changes", org.devContext());
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.get("data").get(0).get("sourceRevision").asLong()).isEqualTo(4);
        assertThat(list.get("data").get(0).get("changeType").asString()).isEqualTo("updated");
        String id = list.get("data").get(0).get("_id").asString();
        assertThat(count(org.devContext())).isEqualTo(1);

        // the id is stable across edits
        publish(org, org.dev(), key, 5, false, workflow("Alerts", "Fourth edit", "email"));
        assertThat(get("/v1/changes", org.devContext()).get("data").get(0).get("_id").asString()).isEqualTo(id);

        // member order does not count: the content hash is canonical
        ObjectNode reordered = json.createObjectNode();
        reordered.set("steps", original.get("steps").deepCopy());
        reordered.put("subject", "Original").put("name", "Alerts");
        publish(org, org.dev(), key, 6, false, reordered);
        assertThat(get("/v1/changes", org.devContext()).get("data")).isEmpty();
        assertThat(count(org.devContext())).isZero();
        notFound("/v1/changes/" + id + "/diff", org.devContext());
    }

    @Test
    void changesArePaginatedMostRecentFirst() {
        Org org = org();
        Instant start = Instant.now().minusSeconds(60);
        List<UUID> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID key = UUID.randomUUID();
            keys.add(key);
            publish(revision(org, org.dev(), key, 1, false, workflow("W" + i, "S"), start.plusSeconds(i)), UUID.randomUUID());
        }
        JsonNode first = get("/v1/changes?page=0&limit=2", org.devContext());
        assertThat(first.get("totalCount").asLong()).isEqualTo(5);
        assertThat(first.get("pageSize").asInt()).isEqualTo(2);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        JsonNode second = get("/v1/changes?page=1&limit=2", org.devContext());
        JsonNode last = get("/v1/changes?page=2&limit=2", org.devContext());
        assertThat(last.get("hasMore").asBoolean()).isFalse();
        List<String> names = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode page : List.of(first, second, last)) {
            page.get("data").forEach(change -> {
                names.add(change.get("name").asString());
                ids.add(change.get("_id").asString());
            });
        }
        assertThat(names).containsExactly("W4", "W3", "W2", "W1", "W0");
        assertThat(ids).hasSize(5);
        assertThat(get("/v1/changes?page=3&limit=2", org.devContext()).get("data")).isEmpty();
        client.problem(client.call(HttpMethod.GET, "/v1/changes?limit=0", org.devContext(), null), 400);
    }

    @Test
    void environmentsSeeOnlyTheirOwnChangesAndProductionHasNone() {
        Org org = org();
        Org other = org();
        UUID key = UUID.randomUUID();
        publish(org, org.dev(), key, 1, false, workflow("Mine", "S"));
        String id = get("/v1/changes", org.devContext()).get("data").get(0).get("_id").asString();

        assertThat(get("/v1/changes", other.devContext()).get("data")).isEmpty();
        assertThat(count(other.devContext())).isZero();
        notFound("/v1/changes/" + id + "/diff", other.devContext());
        notFound("/v1/changes/" + UUID.randomUUID() + "/diff", org.devContext());
        notFound("/v1/changes/not-a-uuid/diff", org.devContext());

        // a context naming another organization's environment as target still gets this org's chain
        EnvironmentContext spoofedTarget = EnvironmentContext.apiKey(org.id(), org.dev(), EnvironmentKind.DEVELOPMENT, null, other.prod());
        assertThat(count(spoofedTarget)).isEqualTo(1);

        // production is the end of the chain: nothing to promote from it
        publish(org, org.prod(), UUID.randomUUID(), 1, false, workflow("Prod only", "S"));
        JsonNode prod = get("/v1/changes", org.prodContext());
        assertThat(prod.get("data")).isEmpty();
        assertThat(prod.get("totalCount").asLong()).isZero();
        assertThat(count(org.prodContext())).isZero();
        notFound("/v1/changes/" + id + "/diff", org.prodContext());

        // without an API key context the routes refuse
        client.problem(client.call(HttpMethod.GET, "/v1/changes", null, null), 401);
    }

    @Test
    void theTargetComesFromTheEnvironmentChainEvenWhenTheContextHasNone() {
        Org org = org();
        publish(org, org.dev(), UUID.randomUUID(), 1, false, workflow("Chained", "S"));
        EnvironmentContext noTarget = EnvironmentContext.apiKey(org.id(), org.dev(), EnvironmentKind.DEVELOPMENT, null, null);
        assertThat(count(noTarget)).isEqualTo(1);

        // an environment the chain has not heard of yet falls back to the context's target
        UUID dev = UUID.randomUUID();
        UUID prod = UUID.randomUUID();
        Org unannounced = new Org(UUID.randomUUID(), dev, prod);
        publish(unannounced, dev, UUID.randomUUID(), 1, false, workflow("Early", "S"));
        assertThat(count(unannounced.devContext())).isEqualTo(1);
    }

    @Test
    void aRelinkedEnvironmentMovesTheTarget() {
        Org org = org();
        UUID staging = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        publish(org, org.dev(), key, 1, false, workflow("W", "S"));
        publish(org, org.prod(), key, 1, false, workflow("W", "S"));
        assertThat(count(org.devContext())).isZero();

        Instant now = Instant.now().plusSeconds(1);
        send(Topics.ENVIRONMENT_EVENTS, staging.toString(), new EnvironmentEvent(EnvironmentEvent.Type.ENVIRONMENT_CREATED,
                org.id(), staging, "Staging", EnvironmentKind.CUSTOM, org.dev(), List.of(), now), UUID.randomUUID());
        send(Topics.ENVIRONMENT_EVENTS, org.prod().toString(), new EnvironmentEvent(EnvironmentEvent.Type.ENVIRONMENT_RELINKED,
                org.id(), org.prod(), "Production", EnvironmentKind.PRODUCTION, staging, List.of(), now), UUID.randomUUID());
        await().atMost(30, TimeUnit.SECONDS).until(() -> sourceOf(org.prod()).equals(staging.toString())
                && sourceOf(staging).equals(org.dev().toString()));

        // staging is empty, so development's workflow is now a change towards staging
        assertThat(count(org.devContext())).isEqualTo(1);
        EnvironmentContext stagingContext = EnvironmentContext.apiKey(org.id(), staging, EnvironmentKind.CUSTOM, org.dev(), org.prod());
        assertThat(count(stagingContext)).isZero();
    }

    @Test
    void aDuplicateDeliveryChangesNothing() {
        Org org = org();
        UUID key = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        ContentRevisionEvent first = revision(org, org.dev(), key, 2, false, workflow("Dup", "Two"), Instant.now());
        publish(first, messageId);
        JsonNode before = get("/v1/changes", org.devContext());

        // the same message again, and a different payload under the same id: both skipped
        send(Topics.CONTENT_REVISIONS, first.messageKey(), first, messageId);
        send(Topics.CONTENT_REVISIONS, first.messageKey(),
                revision(org, org.dev(), key, 9, false, workflow("Dup", "Nine"), Instant.now()), messageId);
        // a later message on the same partition: once it is applied, the duplicates have been consumed
        publish(revision(org, org.dev(), key, 3, false, workflow("Dup", "Three"), Instant.now()), UUID.randomUUID());
        assertThat(projected(org.dev(), key)).as("revision 9 was never applied").isEqualTo(3);

        JsonNode after = get("/v1/changes", org.devContext());
        assertThat(after.get("data")).hasSize(1);
        assertThat(after.get("data").get(0).get("_id")).isEqualTo(before.get("data").get(0).get("_id"));
        assertThat(diff(org.devContext(), after.get("data").get(0).get("_id").asString()).get("source"))
                .isEqualTo(workflow("Dup", "Three"));

        // an environment event delivered again under the same id is skipped too
        UUID envMessage = UUID.randomUUID();
        UUID env = UUID.randomUUID();
        send(Topics.ENVIRONMENT_EVENTS, env.toString(), new EnvironmentEvent(EnvironmentEvent.Type.ENVIRONMENT_CREATED,
                org.id(), env, "Extra", EnvironmentKind.CUSTOM, null, List.of(), Instant.now()), envMessage);
        await().atMost(30, TimeUnit.SECONDS).until(() -> sourceOf(env).equals("none"));
        send(Topics.ENVIRONMENT_EVENTS, env.toString(), new EnvironmentEvent(EnvironmentEvent.Type.ENVIRONMENT_RELINKED,
                org.id(), env, "Extra", EnvironmentKind.CUSTOM, org.prod(), List.of(), Instant.now().plusSeconds(5)), envMessage);
        send(Topics.ENVIRONMENT_EVENTS, env.toString(), new EnvironmentEvent(EnvironmentEvent.Type.ENVIRONMENT_RELINKED,
                org.id(), env, "Extra", EnvironmentKind.CUSTOM, org.dev(), List.of(), Instant.now().plusSeconds(10)), UUID.randomUUID());
        await().atMost(30, TimeUnit.SECONDS).until(() -> sourceOf(env).equals(org.dev().toString()));
        assertThat(db.sql("SELECT count(*) AS n FROM processed_messages WHERE message_id = :id").bind("id", envMessage.toString())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void pendingChangesAreAGaugeByEnvironmentKind() {
        Org org = org();
        publish(org, org.dev(), UUID.randomUUID(), 1, false, workflow("Gauge", "S"));
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() ->
                meters.get("tidings.changes.pending").tag("environment_kind", "development").gauge().value() >= 1);
        assertThat(meters.get("tidings.changes.pending").tag("environment_kind", "production").gauge().value()).isZero();
    }
}
