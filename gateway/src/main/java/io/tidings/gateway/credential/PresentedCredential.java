package io.tidings.gateway.credential;

import java.util.Locale;

/**
 * What a client put in its {@code Authorization} header: an API key, a bearer token, or
 * something unusable together with the reason to tell the client.
 */
public sealed interface PresentedCredential {

    /**
     * Far longer than any real key or token (a subscriber token with a 128-character subscriberId
     * stays under 1.5 KB); refusing early keeps hashing and logging cheap.
     */
    int MAX_LENGTH = 2048;

    record ApiKey(String secret) implements PresentedCredential {
    }

    record Bearer(String token) implements PresentedCredential {
    }

    record Unusable(String reason) implements PresentedCredential {
    }

    static PresentedCredential parse(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Unusable("missing Authorization header: send 'Authorization: ApiKey <secret key>'");
        }
        if (authorization.length() > MAX_LENGTH) {
            return new Unusable("Authorization header is too long");
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        String secret = space < 0 ? "" : value.substring(space + 1).strip();
        return switch (scheme) {
            case "apikey" -> secret.isEmpty()
                    ? new Unusable("Authorization header has an empty API key: send 'Authorization: ApiKey <secret key>'")
                    : new ApiKey(secret);
            case "bearer" -> secret.isEmpty()
                    ? new Unusable("Authorization header has an empty bearer token")
                    : new Bearer(secret);
            default -> new Unusable("unsupported Authorization scheme: send 'Authorization: ApiKey <secret key>'");
        };
    }
}
