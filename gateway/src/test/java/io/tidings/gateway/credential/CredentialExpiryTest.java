package io.tidings.gateway.credential;

import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.ResolvedCredential;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialExpiryTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);
    private static final Optional<ResolvedCredential> KNOWN = Optional.of(new ResolvedCredential(
            UUID.randomUUID(), UUID.randomUUID(), EnvironmentKind.DEVELOPMENT, null, UUID.randomUUID(), null));

    private final CredentialExpiry expiry = new CredentialExpiry(TTL, NEGATIVE_TTL);

    @Test
    void aKnownCredentialLivesForTheFullTtl() {
        assertThat(expiry.expireAfterCreate("hash", KNOWN, 0)).isEqualTo(TTL.toNanos());
    }

    @Test
    void anUnknownCredentialLivesOnlyForTheNegativeTtl() {
        assertThat(expiry.expireAfterCreate("hash", Optional.empty(), 0)).isEqualTo(NEGATIVE_TTL.toNanos());
    }

    @Test
    void aReplacedEntryStartsAFreshLifetimeByWhatItNowHolds() {
        assertThat(expiry.expireAfterUpdate("hash", Optional.empty(), 0, TTL.toNanos())).isEqualTo(NEGATIVE_TTL.toNanos());
        assertThat(expiry.expireAfterUpdate("hash", KNOWN, 0, NEGATIVE_TTL.toNanos())).isEqualTo(TTL.toNanos());
    }

    @Test
    void readingNeverExtendsALifetime() {
        assertThat(expiry.expireAfterRead("hash", KNOWN, 0, 1234L)).isEqualTo(1234L);
    }
}
