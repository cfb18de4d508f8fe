package io.tidings.subscriber.subscriber;

import tools.jackson.databind.JsonNode;

/**
 * A subscriber's fields as a client sends them (Novu's identify). Absent fields keep what is
 * stored; unknown fields are refused by the platform mapper.
 */
public record SubscriberRequest(String subscriberId, String email, String firstName, String lastName, String phone,
                                String avatar, String locale, JsonNode data) {

    public SubscriberRequest withSubscriberId(String id) {
        return new SubscriberRequest(id, email, firstName, lastName, phone, avatar, locale, data);
    }
}
