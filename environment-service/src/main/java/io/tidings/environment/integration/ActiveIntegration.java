package io.tidings.environment.integration;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.UUID;

/** What subscriber-service needs to deliver through an integration: its credentials in plaintext. Internal only. */
public record ActiveIntegration(
        @JsonProperty("_id") UUID id,
        String providerId,
        String channel,
        String name,
        Map<String, String> credentials) {

    static ActiveIntegration of(Integration i) {
        return new ActiveIntegration(i.id(), i.providerId(), i.channel(), i.name(), i.credentials());
    }
}
