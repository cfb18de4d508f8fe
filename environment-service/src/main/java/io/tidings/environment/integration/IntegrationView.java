package io.tidings.environment.integration;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An integration as the public API shows it: credentials masked (see {@link CredentialMasks}). */
public record IntegrationView(
        @JsonProperty("_id") UUID id,
        @JsonProperty("_environmentId") UUID environmentId,
        String providerId,
        String channel,
        String name,
        boolean active,
        Map<String, String> credentials,
        Instant createdAt,
        Instant updatedAt) {

    public static IntegrationView of(Integration i) {
        return new IntegrationView(i.id(), i.environmentId(), i.providerId(), i.channel(), i.name(), i.active(),
                CredentialMasks.mask(i.providerId(), i.credentials()), i.createdAt(), i.updatedAt());
    }
}
