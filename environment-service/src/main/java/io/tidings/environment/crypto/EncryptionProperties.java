package io.tidings.environment.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param key base64 of 32 bytes (env {@code TIDINGS_ENCRYPTION_KEY}): the AES-256 key of every secret stored at rest */
@ConfigurationProperties("tidings.encryption")
public record EncryptionProperties(String key) {
}
