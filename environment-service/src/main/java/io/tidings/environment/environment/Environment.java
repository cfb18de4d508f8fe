package io.tidings.environment.environment;

import io.tidings.platform.context.EnvironmentKind;

import java.time.Instant;
import java.util.UUID;

/** One environment of an organization, and where it sits in the promotion chain. */
public record Environment(
        UUID id,
        UUID organizationId,
        String name,
        String identifier,
        EnvironmentKind kind,
        UUID sourceEnvironmentId,
        Instant createdAt) {

    public Environment withSource(UUID source) {
        return new Environment(id, organizationId, name, identifier, kind, source, createdAt);
    }
}
