package io.tidings.environment.integration;

import io.tidings.platform.web.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The channels an integration serves and the providers known for each. {@code webhook} serves
 * every channel and needs an http(s) {@code url}; the named providers' credentials are only stored.
 */
public final class Providers {

    public static final String WEBHOOK = "webhook";
    public static final String WEBHOOK_URL = "url";
    public static final List<String> CHANNELS = List.of("email", "sms", "chat", "push");
    public static final int MAX_CREDENTIALS = 20;
    public static final int MAX_CREDENTIAL_VALUE = 2_048;
    public static final int MAX_NAME = 128;

    private static final Map<String, List<String>> NAMED = namedProviders();
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private Providers() {
    }

    private static Map<String, List<String>> namedProviders() {
        Map<String, List<String>> named = new LinkedHashMap<>();
        named.put("email", List.of("sendgrid", "mailgun", "ses", "postmark", "smtp"));
        named.put("sms", List.of("twilio", "sns", "plivo"));
        named.put("chat", List.of("slack", "discord", "msteams"));
        named.put("push", List.of("fcm", "apns", "expo"));
        return named;
    }

    /** Every provider accepted for the channel: webhook first. */
    public static List<String> forChannel(String channel) {
        List<String> all = new ArrayList<>();
        all.add(WEBHOOK);
        all.addAll(NAMED.getOrDefault(channel, List.of()));
        return all;
    }

    public static String channel(String channel) {
        if (channel == null || channel.isBlank()) {
            throw ApiException.badRequest("channel is required: one of " + String.join(", ", CHANNELS));
        }
        String normalized = channel.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals("in_app")) {
            throw ApiException.badRequest("channel in_app needs no integration: in-app messages are kept by Tidings itself");
        }
        if (!CHANNELS.contains(normalized)) {
            throw ApiException.badRequest("unknown channel '" + channel + "': one of " + String.join(", ", CHANNELS));
        }
        return normalized;
    }

    public static String provider(String providerId, String channel) {
        if (providerId == null || providerId.isBlank()) {
            throw ApiException.badRequest("providerId is required; for channel " + channel + ": "
                    + String.join(", ", forChannel(channel)));
        }
        String normalized = providerId.strip().toLowerCase(Locale.ROOT);
        if (!forChannel(channel).contains(normalized)) {
            throw ApiException.badRequest("unknown providerId '" + providerId + "' for channel " + channel + "; known providers: "
                    + String.join(", ", forChannel(channel)));
        }
        return normalized;
    }

    public static String name(String name, String providerId) {
        if (name == null) {
            return providerId;
        }
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw ApiException.badRequest("name must not be blank (omit it to use the providerId)");
        }
        if (stripped.length() > MAX_NAME) {
            throw ApiException.badRequest("name must be at most " + MAX_NAME + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name must not contain control characters");
        }
        return stripped;
    }

    /** Checks the credentials against the limits and what the provider needs; answers them in order. */
    public static Map<String, String> credentials(String providerId, Map<String, String> credentials) {
        Map<String, String> given = credentials == null ? Map.of() : credentials;
        if (given.size() > MAX_CREDENTIALS) {
            throw ApiException.badRequest("credentials may hold at most " + MAX_CREDENTIALS + " entries, got " + given.size());
        }
        Map<String, String> checked = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (name == null || !CREDENTIAL_NAME.matcher(name).matches()) {
                throw ApiException.badRequest("credential name '" + name + "' is invalid: a letter, then up to 63 letters, "
                        + "digits, '_', '.' or '-'");
            }
            if (value == null) {
                throw ApiException.badRequest("credentials." + name + " must be a string, not null");
            }
            if (value.length() > MAX_CREDENTIAL_VALUE) {
                throw ApiException.badRequest("credentials." + name + " must be at most " + MAX_CREDENTIAL_VALUE + " characters");
            }
            checked.put(name, value);
        });
        if (WEBHOOK.equals(providerId)) {
            webhookUrl(checked.get(WEBHOOK_URL));
        }
        return checked;
    }

    private static void webhookUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("provider webhook needs credentials.url: the http(s) URL messages are POSTed to");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw ApiException.badRequest("credentials.url must be an absolute http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("credentials.url is not a valid URL: " + e.getReason());
        }
    }
}
