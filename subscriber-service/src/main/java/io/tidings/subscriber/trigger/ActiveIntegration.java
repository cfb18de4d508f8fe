package io.tidings.subscriber.trigger;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/** An environment's active integration for a channel, as environment-service answers it (credentials in clear). */
public record ActiveIntegration(@JsonProperty("_id") String id, String providerId, String channel, String name,
                                JsonNode credentials) {

    public static final String WEBHOOK = "webhook";
}
