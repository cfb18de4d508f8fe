package io.tidings.subscriber.message;

import io.tidings.subscriber.common.Documents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** One rendered message for one subscriber: in_app messages make up the subscriber's feed. */
public record Message(UUID environmentId, UUID id, UUID notificationId, String transactionId, String workflowIdentifier,
                      String subscriberId, String stepId, String channel, UUID feedId, String subject, String content,
                      JsonNode payload, boolean seen, boolean read, Instant lastSeenAt, Instant lastReadAt, Instant createdAt) {

    public ObjectNode view() {
        ObjectNode view = Documents.JSON.createObjectNode();
        view.put("_id", id.toString());
        view.put("_environmentId", environmentId.toString());
        view.put("_notificationId", notificationId.toString());
        view.put("_feedId", feedId == null ? null : feedId.toString());
        view.put("transactionId", transactionId);
        view.put("templateIdentifier", workflowIdentifier);
        view.put("subscriberId", subscriberId);
        view.put("_stepId", stepId);
        view.put("channel", channel);
        if (subject != null) {
            view.put("subject", subject);
        }
        view.put("content", content);
        view.set("payload", payload);
        view.put("seen", seen);
        view.put("read", read);
        view.put("lastSeenDate", lastSeenAt == null ? null : lastSeenAt.toString());
        view.put("lastReadDate", lastReadAt == null ? null : lastReadAt.toString());
        view.put("createdAt", createdAt.toString());
        return view;
    }
}
