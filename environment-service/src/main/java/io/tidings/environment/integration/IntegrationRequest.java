package io.tidings.environment.integration;

import java.util.Map;

/**
 * Create (providerId and channel required) or update (every field optional; given ones replace).
 *
 * @param credentials provider credentials, strings only; on update the whole set is replaced
 * @param check       accepted for Novu SDK compatibility and ignored: Tidings does not call providers to check credentials
 */
public record IntegrationRequest(String providerId, String channel, Map<String, String> credentials, Boolean active,
                                 String name, Boolean check) {
}
