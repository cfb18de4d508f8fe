package io.tidings.environment.apikey;

/** A key just made: the only moment its secret exists outside the caller's hands. */
public record IssuedKey(ApiKey key, String secret) {
}
