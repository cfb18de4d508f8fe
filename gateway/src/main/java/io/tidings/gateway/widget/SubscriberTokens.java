package io.tidings.gateway.widget;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.Ids;
import io.tidings.platform.context.PrincipalType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The subscriber token a widget session hands to a browser or mobile client: a compact HS256 JWS
 * naming one subscriber of one environment, which the gateway alone issues and checks.
 * <p>
 * It can never pass for an {@code X-Tidings-Context} nor the other way round: it has its own
 * {@code typ} header, audience and issuer, which are required on the way in, and without a key
 * of its own it signs with a key derived from the context signing key, not with that key itself.
 */
public final class SubscriberTokens {

    public static final Duration MAX_TTL = Duration.ofHours(24);
    static final JOSEObjectType TYPE = new JOSEObjectType("tidings-subscriber+jwt");
    static final String AUDIENCE = "tidings-widget";
    static final String ISSUER = "tidings-gateway";
    static final int MAX_SUBSCRIBER_ID_LENGTH = 128;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final byte[] DERIVATION_LABEL = "tidings subscriber token v1".getBytes(StandardCharsets.UTF_8);

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param key               the token key; null or blank derives one from {@code contextSigningKey}
     * @param contextSigningKey the platform's context signing key, at least 32 bytes
     */
    public SubscriberTokens(String key, String contextSigningKey, Duration ttl, Clock clock) {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("tidings.gateway.subscriber-token-ttl must be between 1s and 24h, was " + ttl);
        }
        byte[] secret;
        if (key == null || key.isBlank()) {
            if (contextSigningKey == null || contextSigningKey.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException("tidings.context.signing-key must be at least 32 bytes");
            }
            secret = derive(contextSigningKey.getBytes(StandardCharsets.UTF_8));
        } else {
            secret = key.getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalArgumentException("tidings.gateway.subscriber-token-key must be at least 32 bytes");
            }
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable subscriber token key", e);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** @param context a {@link PrincipalType#SUBSCRIBER} context with an environment and a subscriberId */
    public String issue(EnvironmentContext context) {
        if (context.principal() != PrincipalType.SUBSCRIBER || !context.hasEnvironment()
                || context.organizationId() == null || !validSubscriberId(context.subscriberId())) {
            throw new IllegalArgumentException("a subscriber token needs a subscriber of an environment");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(context.subscriberId())
                .claim("org", context.organizationId().toString())
                .claim("env", context.environmentId().toString())
                .claim("kind", context.environmentKind() == null ? null : context.environmentKind().name())
                .claim("src", str(context.sourceEnvironmentId()))
                .claim("tgt", str(context.targetEnvironmentId()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(Ids.uuid().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign subscriber token", e);
        }
        return jwt.serialize();
    }

    /**
     * @return the SUBSCRIBER context the token stands for
     * @throws InvalidSubscriberTokenException when it is not a subscriber token of this gateway, or has expired
     */
    public EnvironmentContext verify(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())
                    || !jwt.verify(verifier)) {
                throw new InvalidSubscriberTokenException("bearer token is not valid", false);
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw new InvalidSubscriberTokenException("bearer token is not valid", false);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(AUDIENCE) || !ISSUER.equals(claims.getIssuer())) {
            throw new InvalidSubscriberTokenException("bearer token is not valid", false);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null || Duration.between(iat.toInstant(), exp.toInstant()).compareTo(MAX_TTL) > 0
                || iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidSubscriberTokenException("subscriber token lifetime is not acceptable", false);
        }
        if (!exp.toInstant().isAfter(now)) {
            throw new InvalidSubscriberTokenException(
                    "subscriber token has expired: open a new session (POST /v1/widgets/session/initialize)", true);
        }
        try {
            String subscriberId = claims.getSubject();
            UUID org = uuid(claims.getStringClaim("org"));
            UUID env = uuid(claims.getStringClaim("env"));
            if (org == null || env == null || !validSubscriberId(subscriberId)) {
                throw new IllegalArgumentException("incomplete subscriber token");
            }
            String kind = claims.getStringClaim("kind");
            return EnvironmentContext.subscriber(org, env, kind == null ? null : EnvironmentKind.valueOf(kind),
                    uuid(claims.getStringClaim("src")), uuid(claims.getStringClaim("tgt")), subscriberId);
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidSubscriberTokenException("bearer token is not valid", false);
        }
    }

    /** Not blank, at most {@value #MAX_SUBSCRIBER_ID_LENGTH} characters, no control characters. */
    public static boolean validSubscriberId(String subscriberId) {
        return subscriberId != null && !subscriberId.isBlank() && subscriberId.length() <= MAX_SUBSCRIBER_ID_LENGTH
                && subscriberId.chars().noneMatch(Character::isISOControl);
    }

    private static byte[] derive(byte[] contextKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(contextKey, "HmacSHA256"));
            return mac.doFinal(DERIVATION_LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private static UUID uuid(String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
