package io.tidings.platform.context;

import java.util.UUID;

/**
 * The verified answer to "who is calling, and in which environment", as the gateway resolved it.
 * Organization and environment are null for {@link PrincipalType#ADMIN} and {@link PrincipalType#SERVICE}.
 *
 * @param sourceEnvironmentId the environment this one is promoted from; non-null means the content is read-only here
 * @param targetEnvironmentId the environment this one promotes to, or null at the end of the chain
 */
public record EnvironmentContext(
        UUID organizationId,
        UUID environmentId,
        EnvironmentKind environmentKind,
        UUID sourceEnvironmentId,
        UUID targetEnvironmentId,
        PrincipalType principal,
        String subscriberId) {

    public static EnvironmentContext admin() {
        return new EnvironmentContext(null, null, null, null, null, PrincipalType.ADMIN, null);
    }

    public static EnvironmentContext service() {
        return new EnvironmentContext(null, null, null, null, null, PrincipalType.SERVICE, null);
    }

    public static EnvironmentContext apiKey(UUID organizationId, UUID environmentId, EnvironmentKind kind,
                                            UUID sourceEnvironmentId, UUID targetEnvironmentId) {
        return new EnvironmentContext(organizationId, environmentId, kind, sourceEnvironmentId, targetEnvironmentId,
                PrincipalType.API_KEY, null);
    }

    /** A browser or mobile client of one subscriber, holding a widget session's token. */
    public static EnvironmentContext subscriber(UUID organizationId, UUID environmentId, EnvironmentKind kind,
                                                UUID sourceEnvironmentId, UUID targetEnvironmentId, String subscriberId) {
        return new EnvironmentContext(organizationId, environmentId, kind, sourceEnvironmentId, targetEnvironmentId,
                PrincipalType.SUBSCRIBER, subscriberId);
    }

    /** Promotable content can only change here through a promotion from the source environment. */
    public boolean readOnlyContent() {
        return sourceEnvironmentId != null;
    }

    public boolean hasEnvironment() {
        return environmentId != null;
    }
}
