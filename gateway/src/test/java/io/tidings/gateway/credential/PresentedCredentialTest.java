package io.tidings.gateway.credential;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PresentedCredentialTest {

    @Test
    void anApiKeyHeaderYieldsItsSecret() {
        assertThat(PresentedCredential.parse("ApiKey sk_test_123"))
                .isEqualTo(new PresentedCredential.ApiKey("sk_test_123"));
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSurroundingSpaceIsIgnored() {
        assertThat(PresentedCredential.parse("  apikey   sk_test_123  "))
                .isEqualTo(new PresentedCredential.ApiKey("sk_test_123"));
    }

    @Test
    void aBearerHeaderYieldsItsToken() {
        assertThat(PresentedCredential.parse("Bearer admin-token"))
                .isEqualTo(new PresentedCredential.Bearer("admin-token"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aMissingHeaderIsUnusableAndSaysWhatToSend(String header) {
        assertThat(PresentedCredential.parse(header))
                .isInstanceOfSatisfying(PresentedCredential.Unusable.class,
                        unusable -> assertThat(unusable.reason()).contains("missing Authorization header"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ApiKey", "ApiKey ", "ApiKey \t ", "Bearer", "Bearer   "})
    void anEmptySecretIsUnusable(String header) {
        assertThat(PresentedCredential.parse(header)).isInstanceOf(PresentedCredential.Unusable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Token abc", "sk_test_123", "ApiKeysk_test"})
    void anotherSchemeIsUnusable(String header) {
        assertThat(PresentedCredential.parse(header))
                .isInstanceOfSatisfying(PresentedCredential.Unusable.class,
                        unusable -> assertThat(unusable.reason()).contains("unsupported Authorization scheme"));
    }

    @Test
    void anAbsurdlyLongHeaderIsUnusable() {
        String header = "ApiKey " + "k".repeat(PresentedCredential.MAX_LENGTH);
        assertThat(PresentedCredential.parse(header))
                .isInstanceOfSatisfying(PresentedCredential.Unusable.class,
                        unusable -> assertThat(unusable.reason()).contains("too long"));
    }
}
