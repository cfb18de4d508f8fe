package io.tidings.platform.context;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Encodes an {@link EnvironmentContext} as the compact HS256 JWS carried in {@value #HEADER}.
 * Each token is bound to one HTTP method and path and lives at most 60 seconds, so a leaked
 * header cannot be replayed against another route or kept for later.
 */
public final class ContextCodec {

    public static final String HEADER = "X-Tidings-Context";
    public static final Duration MAX_TTL = Duration.ofSeconds(60);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    public ContextCodec(String signingKey, Duration ttl, Clock clock) {
        if (signingKey == null || signingKey.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("tidings.context.signing-key must be at least 32 bytes");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("tidings.context.ttl must be between 1s and 60s, was " + ttl);
        }
        byte[] key = signingKey.getBytes(StandardCharsets.UTF_8);
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable context signing key", e);
        }
        this.ttl = ttl;
        this.clock = clock;
        Ids.uuid(); // seeds the random source now, at start-up, not on the first request's event-loop thread
    }

    public String sign(EnvironmentContext context, String method, String path) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("org", str(context.organizationId()))
                .claim("env", str(context.environmentId()))
                .claim("kind", context.environmentKind() == null ? null : context.environmentKind().name())
                .claim("src", str(context.sourceEnvironmentId()))
                .claim("tgt", str(context.targetEnvironmentId()))
                .claim("prn", context.principal().name())
                .claim("sub", context.subscriberId())
                .claim("htm", method)
                .claim("htu", path)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(Ids.uuid().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign context", e);
        }
        return jwt.serialize();
    }

    public EnvironmentContext verify(String token, String method, String path) {
        if (token == null || token.isBlank()) {
            throw new InvalidContextException("missing " + HEADER + " header: requests must come through the gateway");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new InvalidContextException("context signature is not valid");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw new InvalidContextException("context is not a valid signed token", e);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null || !exp.toInstant().isAfter(now)) {
            throw new InvalidContextException("context has expired");
        }
        if (Duration.between(iat.toInstant(), exp.toInstant()).compareTo(MAX_TTL) > 0
                || iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidContextException("context lifetime is not acceptable");
        }
        try {
            if (!method.equalsIgnoreCase(claims.getStringClaim("htm")) || !path.equals(claims.getStringClaim("htu"))) {
                throw new InvalidContextException("context was issued for another request");
            }
            return new EnvironmentContext(
                    uuid(claims.getStringClaim("org")),
                    uuid(claims.getStringClaim("env")),
                    claims.getStringClaim("kind") == null ? null : EnvironmentKind.valueOf(claims.getStringClaim("kind")),
                    uuid(claims.getStringClaim("src")),
                    uuid(claims.getStringClaim("tgt")),
                    PrincipalType.valueOf(claims.getStringClaim("prn")),
                    claims.getStringClaim("sub"));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidContextException("context claims are malformed", e);
        }
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private static UUID uuid(String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
