package io.tidings.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings every service shares ({@code tidings.*}); defaults live in tidings-platform.yaml
 * so that each one can be overridden by an environment variable.
 */
@ConfigurationProperties("tidings")
public record PlatformProperties(Context context, Http http, Outbox outbox, Kafka kafka) {

    /**
     * @param signingKey     HMAC key shared by the gateway and the services, at least 32 bytes
     * @param ttl            lifetime of a signed context, at most 60 s
     * @param verifyRequests false only in the gateway, which issues contexts instead of checking them.
     *                       Defaulted here, not in tidings-platform.yaml: a file a service imports
     *                       outranks the service's own application.yaml, so it could not say false.
     */
    public record Context(String signingKey, Duration ttl, @DefaultValue("true") boolean verifyRequests) {
    }

    public record Http(long maxBodyBytes) {
    }

    public record Outbox(Duration pollInterval, int batchSize) {
    }

    /** @param createTopics create missing topics at start-up (off where an operator manages topics) */
    public record Kafka(boolean createTopics, int partitions, short replicationFactor) {
    }
}
