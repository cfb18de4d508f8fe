package io.tidings.environment.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidings.platform.context.EnvironmentKind;

import java.time.Instant;
import java.util.UUID;

/**
 * An environment as the API shows it (Novu's field names). {@code apiKey} is present only in the
 * answer that created the key: secrets are never shown again.
 */
public record EnvironmentView(
        @JsonProperty("_id") UUID id,
        String name,
        @JsonProperty("_organizationId") UUID organizationId,
        String identifier,
        EnvironmentKind kind,
        @JsonProperty("_parentId") UUID parentId,
        @JsonProperty("_targetId") UUID targetId,
        boolean readOnly,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String apiKey) {

    public static EnvironmentView of(Environment e, UUID targetId) {
        return new EnvironmentView(e.id(), e.name(), e.organizationId(), e.identifier(), e.kind(),
                e.sourceEnvironmentId(), targetId, e.sourceEnvironmentId() != null, e.createdAt(), null);
    }

    public EnvironmentView withSecret(String secret) {
        return new EnvironmentView(id, name, organizationId, identifier, kind, parentId, targetId, readOnly, createdAt, secret);
    }
}
