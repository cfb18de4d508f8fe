package io.tidings.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * The gateway's own settings ({@code tidings.gateway.*}); defaults and environment variables in application.yaml.
 *
 * @param adminToken              the operator's bearer token; blank means admin access is off
 * @param environmentServiceUri   where the internal credential lookups and widget hash checks go
 * @param credentialLookupTimeout how long a lookup may take before the request gets 503
 * @param subscriberServiceUri    where widget sessions upsert their subscriber
 * @param subscriberTokenKey      HMAC key of subscriber tokens (at least 32 bytes); blank derives one from
 *                                the context signing key
 * @param subscriberTokenTtl      lifetime of a subscriber token, at most 24 hours
 * @param widgetSessionTimeout    how long each downstream call of a session initialization may take before 503
 */
@ConfigurationProperties("tidings.gateway")
public record GatewaySettings(String adminToken, URI environmentServiceUri, Duration credentialLookupTimeout,
                              CredentialCache credentialCache, URI subscriberServiceUri, String subscriberTokenKey,
                              Duration subscriberTokenTtl, Duration widgetSessionTimeout) {

    /**
     * @param ttl         how long a resolved credential is trusted without asking again (revocations evict sooner)
     * @param negativeTtl how long an unknown credential is remembered, short so a new key works at once
     * @param maxSize     most entries kept; the least used go first
     */
    public record CredentialCache(Duration ttl, Duration negativeTtl, long maxSize) {
    }
}
