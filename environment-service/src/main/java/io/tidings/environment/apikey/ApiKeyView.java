package io.tidings.environment.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Key metadata. Unlike Novu, listing keys never returns them: only prefix and last four
 * characters. {@code key} is filled only in the answer to a regeneration.
 */
public record ApiKeyView(
        @JsonProperty("_id") UUID id,
        @JsonProperty("_environmentId") UUID environmentId,
        String prefix,
        String lastFour,
        Instant createdAt,
        Instant expiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.environmentId(), key.prefix(), key.lastFour(), key.createdAt(), key.expiresAt(), null);
    }

    public static ApiKeyView issued(IssuedKey issued) {
        ApiKey key = issued.key();
        return new ApiKeyView(key.id(), key.environmentId(), key.prefix(), key.lastFour(), key.createdAt(), key.expiresAt(),
                issued.secret());
    }
}
