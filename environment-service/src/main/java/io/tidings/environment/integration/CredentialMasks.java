package io.tidings.environment.integration;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How stored credentials are shown: {@code "****"} followed by the last 4 characters of a value
 * of 12 or more characters, else just {@code "****"}. A webhook {@code url} shows its scheme,
 * host and port, with the path and query masked: {@code https://hooks.example.com/****}.
 */
public final class CredentialMasks {

    static final String MASK = "****";
    private static final int SHOW_TAIL_FROM = 12;

    private CredentialMasks() {
    }

    public static Map<String, String> mask(String providerId, Map<String, String> credentials) {
        Map<String, String> masked = new LinkedHashMap<>();
        credentials.forEach((name, value) -> masked.put(name, mask(providerId, name, value)));
        return masked;
    }

    static String mask(String providerId, String name, String value) {
        if (Providers.WEBHOOK.equals(providerId) && Providers.WEBHOOK_URL.equals(name)) {
            String url = maskUrl(value);
            if (url != null) {
                return url;
            }
        }
        return value.length() < SHOW_TAIL_FROM ? MASK : MASK + value.substring(value.length() - 4);
    }

    private static String maskUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/" + MASK;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Credentials of an update: a value sent back exactly as it was shown masked keeps the stored
     * value, so a client may PUT what it read without erasing the secrets.
     */
    static Map<String, String> keepMaskedEchoes(String providerId, Map<String, String> given, Map<String, String> current) {
        Map<String, String> merged = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            String stored = current.get(name);
            merged.put(name, stored != null && value != null && value.equals(mask(providerId, name, stored)) ? stored : value);
        });
        return merged;
    }
}
