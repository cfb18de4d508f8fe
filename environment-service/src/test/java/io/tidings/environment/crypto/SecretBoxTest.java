package io.tidings.environment.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString(bytes(32, 1));
    static final String OTHER_KEY = Base64.getEncoder().encodeToString(bytes(32, 2));

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    final SecretBox box = SecretBox.fromBase64("test key", KEY);

    @Test
    void sealedValuesOpenToTheirPlaintextAndNeverShowIt() {
        String sealed = box.seal("SG.sendgrid-secret-ü", "integration:1:apiKey");

        assertThat(sealed).startsWith("v1:").doesNotContain("sendgrid-secret");
        assertThat(box.open(sealed, "integration:1:apiKey")).isEqualTo("SG.sendgrid-secret-ü");
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertThat(box.seal("same", "ctx")).isNotEqualTo(box.seal("same", "ctx"));
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        String sealed = box.seal("secret value", "ctx");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 20] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.open(tampered, "ctx")).isInstanceOf(SecretBox.SecretBoxException.class)
                .hasMessageNotContaining("secret value");
    }

    @Test
    void aValueMovedToAnotherContextDoesNotOpen() {
        String sealed = box.seal("secret value", "integration:1:apiKey");

        assertThatThrownBy(() -> box.open(sealed, "integration:2:apiKey")).isInstanceOf(SecretBox.SecretBoxException.class);
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        String sealed = box.seal("secret value", "ctx");

        assertThatThrownBy(() -> SecretBox.fromBase64("test key", OTHER_KEY).open(sealed, "ctx"))
                .isInstanceOf(SecretBox.SecretBoxException.class);
    }

    @Test
    void refusesAMissingMalformedOrShortKeyNamingTheSetting() {
        assertThatThrownBy(() -> SecretBox.fromBase64("TIDINGS_ENCRYPTION_KEY", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TIDINGS_ENCRYPTION_KEY is required");
        assertThatThrownBy(() -> SecretBox.fromBase64("TIDINGS_ENCRYPTION_KEY", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TIDINGS_ENCRYPTION_KEY is required");
        assertThatThrownBy(() -> SecretBox.fromBase64("TIDINGS_ENCRYPTION_KEY", "not base64 !!"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> SecretBox.fromBase64("TIDINGS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(bytes(16, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly 32 bytes").hasMessageContaining("16");
    }

    @Test
    void acceptsAUrlSafeKeyToo() {
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32, 1));
        String sealed = box.seal("x", "ctx");

        assertThat(SecretBox.fromBase64("k", urlSafe).open(sealed, "ctx")).isEqualTo("x");
    }
}
