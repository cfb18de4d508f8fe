package io.tidings.subscriber.activity;

import io.tidings.subscriber.common.Documents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The record of one trigger: which workflow, for whom, with what payload. */
public record Notification(UUID environmentId, UUID id, String transactionId, String workflowIdentifier, UUID workflowId,
                           List<String> subscriberIds, JsonNode payload, Instant createdAt) {

    public ObjectNode view() {
        ObjectNode view = Documents.JSON.createObjectNode();
        view.put("_id", id.toString());
        view.put("_environmentId", environmentId.toString());
        view.put("transactionId", transactionId);
        view.put("templateIdentifier", workflowIdentifier);
        view.put("_templateId", workflowId.toString());
        var ids = view.putArray("subscriberIds");
        subscriberIds.forEach(ids::add);
        view.set("payload", payload);
        view.put("createdAt", createdAt.toString());
        return view;
    }
}
