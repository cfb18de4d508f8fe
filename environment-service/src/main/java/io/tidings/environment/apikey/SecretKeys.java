package io.tidings.environment.apikey;

import io.tidings.platform.context.ApiKeys;
import io.tidings.platform.context.Ids;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Makes secret API keys: 240 random bits, shown once, stored only as a SHA-256 hash. */
public final class SecretKeys {

    static final String SCHEME_PREFIX = "tk_";
    private static final int PREFIX_LENGTH = 7;

    private SecretKeys() {
    }

    public static IssuedKey issue(UUID environmentId, Instant now) {
        String secret = SCHEME_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.randomBytes(30));
        ApiKey key = new ApiKey(Ids.uuid(), environmentId, ApiKeys.hash(secret),
                secret.substring(0, PREFIX_LENGTH), secret.substring(secret.length() - 4), now, null, null);
        return new IssuedKey(key, secret);
    }
}
