package io.tidings.environment.crypto;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(EncryptionProperties.class)
    @Import(CryptoConfiguration.class)
    static class Crypto {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Crypto.class);

    @Test
    void theServiceDoesNotStartWithoutAnEncryptionKey() {
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("TIDINGS_ENCRYPTION_KEY").hasMessageContaining("is required"));
    }

    @Test
    void theServiceDoesNotStartWithAKeyOfTheWrongLength() {
        runner.withPropertyValues("tidings.encryption.key=c2hvcnQ=")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("exactly 32 bytes"));
    }

    @Test
    void startsWithA32ByteKey() {
        runner.withPropertyValues("tidings.encryption.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecretBox.class));
    }
}
