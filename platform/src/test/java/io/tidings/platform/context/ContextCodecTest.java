package io.tidings.platform.context;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextCodecTest {

    private static final String KEY = "a-test-signing-key-of-at-least-32-bytes!";
    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final ContextCodec codec = new ContextCodec(KEY, Duration.ofSeconds(30), Clock.fixed(now, ZoneOffset.UTC));
    private final EnvironmentContext context = EnvironmentContext.apiKey(UUID.randomUUID(), UUID.randomUUID(),
            EnvironmentKind.PRODUCTION, UUID.randomUUID(), null);

    @Test
    void verifiesWhatItSignedForTheSameRequest() {
        String token = codec.sign(context, "GET", "/v1/environments/me");

        assertThat(codec.verify(token, "GET", "/v1/environments/me")).isEqualTo(context);
        assertThat(codec.verify(token, "GET", "/v1/environments/me").readOnlyContent()).isTrue();
    }

    @Test
    void rejectsATokenUsedForAnotherMethodOrPath() {
        String token = codec.sign(context, "GET", "/v1/environments/me");

        assertThatThrownBy(() -> codec.verify(token, "POST", "/v1/environments/me")).isInstanceOf(InvalidContextException.class);
        assertThatThrownBy(() -> codec.verify(token, "GET", "/v1/environments")).isInstanceOf(InvalidContextException.class);
    }

    @Test
    void rejectsAnExpiredToken() {
        String token = codec.sign(context, "GET", "/x");
        ContextCodec later = new ContextCodec(KEY, Duration.ofSeconds(30), Clock.fixed(now.plusSeconds(31), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.verify(token, "GET", "/x")).hasMessageContaining("expired");
    }

    @Test
    void rejectsATokenSignedWithAnotherKeyOrTamperedWith() {
        ContextCodec other = new ContextCodec("another-signing-key-also-32-bytes-long!!", Duration.ofSeconds(30),
                Clock.fixed(now, ZoneOffset.UTC));
        String token = codec.sign(context, "GET", "/x");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        assertThatThrownBy(() -> codec.verify(other.sign(context, "GET", "/x"), "GET", "/x")).isInstanceOf(InvalidContextException.class);
        assertThatThrownBy(() -> codec.verify(tampered, "GET", "/x")).isInstanceOf(InvalidContextException.class);
        assertThatThrownBy(() -> codec.verify("not-a-token", "GET", "/x")).isInstanceOf(InvalidContextException.class);
        assertThatThrownBy(() -> codec.verify(null, "GET", "/x")).hasMessageContaining("missing");
    }

    @Test
    void refusesWeakKeysAndLongLifetimes() {
        assertThatThrownBy(() -> new ContextCodec("short", Duration.ofSeconds(30), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContextCodec(KEY, Duration.ofSeconds(61), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
