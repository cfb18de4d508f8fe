package io.tidings.environment.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link SecretBox}; the service does not start without a valid key. */
@Configuration
class CryptoConfiguration {

    @Bean
    SecretBox secretBox(EncryptionProperties properties) {
        return SecretBox.fromBase64("tidings.encryption.key (environment variable TIDINGS_ENCRYPTION_KEY)", properties.key());
    }
}
