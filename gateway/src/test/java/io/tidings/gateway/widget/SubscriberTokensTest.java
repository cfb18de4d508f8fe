package io.tidings.gateway.widget;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.InvalidContextException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriberTokensTest {

    static final String CONTEXT_KEY = "context-signing-key-0123456789abcdef0123";
    static final String TOKEN_KEY = "subscriber-token-key-0123456789abcdef0123";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final EnvironmentContext subscriber = EnvironmentContext.subscriber(UUID.randomUUID(), UUID.randomUUID(),
            EnvironmentKind.PRODUCTION, UUID.randomUUID(), null, "subscriber-ü-42");

    @Test
    void aTokenRoundTripsToItsSubscriberContext() {
        SubscriberTokens tokens = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1), CLOCK);
        assertThat(tokens.verify(tokens.issue(subscriber))).isEqualTo(subscriber);
    }

    @Test
    void withoutAKeyOfItsOwnItStillRoundTrips() {
        SubscriberTokens tokens = new SubscriberTokens("  ", CONTEXT_KEY, Duration.ofHours(1), CLOCK);
        assertThat(tokens.verify(tokens.issue(subscriber))).isEqualTo(subscriber);
    }

    @Test
    void aLongSubscriberIdStillFitsTheAuthorizationHeaderLimit() {
        SubscriberTokens tokens = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(24), CLOCK);
        EnvironmentContext longest = EnvironmentContext.subscriber(UUID.randomUUID(), UUID.randomUUID(),
                EnvironmentKind.CUSTOM, UUID.randomUUID(), UUID.randomUUID(), "\u20ac".repeat(128));
        assertThat(("Bearer " + tokens.issue(longest)).length()).isLessThan(2048);
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String token = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1), CLOCK).issue(subscriber);
        SubscriberTokens later = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1),
                Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(token))
                .isInstanceOfSatisfying(InvalidSubscriberTokenException.class, e -> {
                    assertThat(e.expired()).isTrue();
                    assertThat(e.getMessage()).contains("expired");
                });
    }

    @Test
    void aTokenOfAnotherKeyIsRefused() {
        String token = new SubscriberTokens("another-token-key-0123456789abcdef0123", CONTEXT_KEY, Duration.ofHours(1),
                CLOCK).issue(subscriber);
        SubscriberTokens tokens = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1), CLOCK);
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidSubscriberTokenException.class);
    }

    @Test
    void aTamperedTokenIsRefused() {
        SubscriberTokens tokens = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1), CLOCK);
        String other = tokens.issue(EnvironmentContext.subscriber(subscriber.organizationId(),
                subscriber.environmentId(), subscriber.environmentKind(), subscriber.sourceEnvironmentId(), null, "bob"));
        String[] mine = tokens.issue(subscriber).split("\\.");
        String[] theirs = other.split("\\.");
        // bob's claims under alice's signature
        assertThatThrownBy(() -> tokens.verify(mine[0] + "." + theirs[1] + "." + mine[2]))
                .isInstanceOf(InvalidSubscriberTokenException.class);
    }

    @Test
    void aContextIsNeverATokenEvenUnderTheSameKey() {
        ContextCodec codec = new ContextCodec(CONTEXT_KEY, Duration.ofSeconds(30), CLOCK);
        String context = codec.sign(subscriber, "GET", "/v1/widgets/notifications/feed");
        for (String key : new String[]{null, "", CONTEXT_KEY}) {
            SubscriberTokens tokens = new SubscriberTokens(key, CONTEXT_KEY, Duration.ofHours(1), CLOCK);
            assertThatThrownBy(() -> tokens.verify(context)).isInstanceOf(InvalidSubscriberTokenException.class);
        }
    }

    @Test
    void aTokenIsNeverAContextEvenUnderTheSameKey() {
        ContextCodec codec = new ContextCodec(CONTEXT_KEY, Duration.ofSeconds(30), CLOCK);
        for (String key : new String[]{null, CONTEXT_KEY}) {
            String token = new SubscriberTokens(key, CONTEXT_KEY, Duration.ofSeconds(30), CLOCK).issue(subscriber);
            assertThatThrownBy(() -> codec.verify(token, "GET", "/v1/widgets/notifications/feed"))
                    .isInstanceOf(InvalidContextException.class);
        }
    }

    @Test
    void aJwsWithoutTheSubscriberTypeOrAudienceIsRefused() throws Exception {
        SubscriberTokens tokens = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1), CLOCK);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(SubscriberTokens.ISSUER)
                .subject("alice")
                .claim("org", UUID.randomUUID().toString())
                .claim("env", UUID.randomUUID().toString())
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(60)))
                .build();
        // right key and type, no audience
        assertThatThrownBy(() -> tokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(SubscriberTokens.TYPE).build(), claims)))
                .isInstanceOf(InvalidSubscriberTokenException.class);
        // right key and audience, no type
        JWTClaimsSet withAudience = new JWTClaimsSet.Builder(claims).audience(SubscriberTokens.AUDIENCE).build();
        assertThatThrownBy(() -> tokens.verify(sign(new JWSHeader(JWSAlgorithm.HS256), withAudience)))
                .isInstanceOf(InvalidSubscriberTokenException.class);
        // both: accepted, which shows the two refusals above were for the missing member
        assertThat(tokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(SubscriberTokens.TYPE).build(),
                withAudience)).subscriberId()).isEqualTo("alice");
    }

    @Test
    void aLifetimeOverTheMaximumIsRefused() throws Exception {
        SubscriberTokens tokens = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1), CLOCK);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(SubscriberTokens.ISSUER)
                .audience(SubscriberTokens.AUDIENCE)
                .subject("alice")
                .claim("org", UUID.randomUUID().toString())
                .claim("env", UUID.randomUUID().toString())
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(Duration.ofDays(30))))
                .build();
        assertThatThrownBy(() -> tokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(SubscriberTokens.TYPE).build(), claims)))
                .isInstanceOf(InvalidSubscriberTokenException.class);
    }

    @Test
    void garbageIsRefused() {
        SubscriberTokens tokens = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1), CLOCK);
        for (String garbage : new String[]{"admin-token", "a.b.c", "", "eyJhbGciOiJub25lIn0.e30."}) {
            assertThatThrownBy(() -> tokens.verify(garbage)).isInstanceOf(InvalidSubscriberTokenException.class);
        }
    }

    @Test
    void badSettingsFailAtStartUp() {
        assertThatThrownBy(() -> new SubscriberTokens("short", CONTEXT_KEY, Duration.ofHours(1), CLOCK))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(25), CLOCK))
                .hasMessageContaining("24h");
        assertThatThrownBy(() -> new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ZERO, CLOCK))
                .hasMessageContaining("24h");
        assertThatThrownBy(() -> new SubscriberTokens(null, "short", Duration.ofHours(1), CLOCK))
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void onlySubscriberContextsGetTokens() {
        SubscriberTokens tokens = new SubscriberTokens(TOKEN_KEY, CONTEXT_KEY, Duration.ofHours(1), CLOCK);
        assertThatThrownBy(() -> tokens.issue(EnvironmentContext.admin())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(EnvironmentContext.apiKey(UUID.randomUUID(), UUID.randomUUID(),
                EnvironmentKind.DEVELOPMENT, null, null))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(TOKEN_KEY.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
