package io.tidings.environment.environment;

import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.Ids;

import java.time.Instant;
import java.util.UUID;

/** New environments get a fresh id and Application Identifier. */
public final class EnvironmentFactory {

    private EnvironmentFactory() {
    }

    public static Environment create(UUID organizationId, String name, EnvironmentKind kind, UUID source, Instant now) {
        return new Environment(Ids.uuid(), organizationId, name, Identifiers.next(), kind, source, now);
    }
}
