package io.tidings.subscriber.trigger;

/** The answer to "which integration delivers this channel here": one, none, or the lookup failed. */
public record IntegrationLookup(ActiveIntegration integration, String failure) {

    public static IntegrationLookup found(ActiveIntegration integration) {
        return new IntegrationLookup(integration, null);
    }

    public static IntegrationLookup none() {
        return new IntegrationLookup(null, null);
    }

    public static IntegrationLookup failed(String reason) {
        return new IntegrationLookup(null, reason);
    }
}
