package io.tidings.subscriber.activity;

import io.tidings.subscriber.common.Documents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to one step for one subscriber.
 *
 * @param status  {@code success}, {@code failed} or {@code skipped}
 * @param payload what the step used: the trigger payload and, when rendered, the rendered message
 */
public record ExecutionDetail(UUID environmentId, UUID id, UUID notificationId, String subscriberId, String stepId,
                              String channel, String status, String detail, String providerId, UUID messageId,
                              JsonNode payload, Instant createdAt) {

    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public ObjectNode view() {
        ObjectNode view = Documents.JSON.createObjectNode();
        view.put("_id", id.toString());
        view.put("_environmentId", environmentId.toString());
        view.put("_notificationId", notificationId.toString());
        view.put("subscriberId", subscriberId);
        view.put("_stepId", stepId);
        view.put("channel", channel);
        view.put("status", status);
        view.put("detail", detail);
        view.put("providerId", providerId);
        view.put("_messageId", messageId == null ? null : messageId.toString());
        view.set("payload", payload);
        view.put("createdAt", createdAt.toString());
        return view;
    }
}
