package io.tidings.gateway.admin;

import io.tidings.gateway.config.GatewaySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {

    private static AdminToken token(String configured) {
        return new AdminToken(new GatewaySettings(configured, null, null, null, null, null, null, null));
    }

    @Test
    void theConfiguredTokenMatches() {
        assertThat(token("s3cret-admin").matches("s3cret-admin")).isTrue();
    }

    @Test
    void anyOtherTokenDoesNot() {
        assertThat(token("s3cret-admin").matches("s3cret-admiN")).isFalse();
        assertThat(token("s3cret-admin").matches("s3cret")).isFalse();
        assertThat(token("s3cret-admin").matches(null)).isFalse();
    }

    @Test
    void aBlankConfigurationMatchesNothing() {
        AdminToken blank = token("  ");
        assertThat(blank.configured()).isFalse();
        assertThat(blank.matches("  ")).isFalse();
        assertThat(token(null).matches("")).isFalse();
    }
}
