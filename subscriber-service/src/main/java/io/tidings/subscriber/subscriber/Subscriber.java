package io.tidings.subscriber.subscriber;

import io.tidings.subscriber.common.Documents;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** A recipient in one environment; {@code subscriberId} is the application's own id for it. */
public record Subscriber(UUID environmentId, UUID id, String subscriberId, String email, String firstName, String lastName,
                         String phone, String avatar, String locale, ObjectNode data, Instant createdAt, Instant updatedAt) {

    /** The profile as answered (Novu's shape), and as templates see it under {@code subscriber}. */
    public ObjectNode view() {
        ObjectNode view = Documents.JSON.createObjectNode();
        view.put("_id", id.toString());
        view.put("_environmentId", environmentId.toString());
        view.put("subscriberId", subscriberId);
        view.put("email", email);
        view.put("firstName", firstName);
        view.put("lastName", lastName);
        view.put("phone", phone);
        view.put("avatar", avatar);
        view.put("locale", locale);
        view.set("data", data == null ? Documents.JSON.createObjectNode() : data);
        view.put("createdAt", createdAt.toString());
        view.put("updatedAt", updatedAt.toString());
        return view;
    }
}
