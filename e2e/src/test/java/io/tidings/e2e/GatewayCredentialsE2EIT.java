package io.tidings.e2e;

import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.EnvironmentKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 2: a client with a secret key reaches its own environment through the gateway, and no other. */
class GatewayCredentialsE2EIT {

    static TidingsSystem system;
    static Api gateway;
    static Api environmentService;
    static DemoOrganization acme;

    @BeforeAll
    static void start() {
        system = TidingsSystem.get();
        gateway = new Api(system.gatewayUrl());
        environmentService = new Api(system.service("environment-service").baseUrl());
        acme = DemoOrganization.create(gateway, "Acme");
    }

    static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(status);
        assertThat(response.body().get("message").asString()).isNotBlank();
    }

    @Test
    void developmentKeyReachesDevelopment() {
        Api.Response me = gateway.get("/v1/environments/me", acme.development().secret());

        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.data().get("_id").asString()).isEqualTo(acme.development().id());
        assertThat(me.data().get("kind").asString()).isEqualTo("DEVELOPMENT");
    }

    @Test
    void productionKeyReachesProduction() {
        Api.Response me = gateway.get("/v1/environments/me", acme.production().secret());

        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.data().get("_id").asString()).isEqualTo(acme.production().id());
        assertThat(me.data().get("readOnly").asBoolean()).isTrue();
    }

    @Test
    void applicationIdentifierAloneIsNotASecretKey() {
        assertProblem(gateway.get("/v1/environments/me", acme.development().identifier()), 401);
        assertProblem(gateway.get("/v1/environments/me", acme.production().identifier()), 401);
    }

    @Test
    void missingMalformedAndUnknownKeysAreRefused() {
        assertProblem(gateway.send("GET", "/v1/environments/me", Map.of(), null), 401);
        assertProblem(gateway.send("GET", "/v1/environments/me", Map.of("Authorization", "Basic dXNlcjpwdw=="), null), 401);
        assertProblem(gateway.send("GET", "/v1/environments/me", Map.of("Authorization", "ApiKey "), null), 401);
        assertProblem(gateway.get("/v1/environments/me", "tk_" + "A".repeat(40)), 401);
        assertProblem(gateway.admin("POST", "/v1/organizations", "not-the-admin-token", Map.of("name", "x")), 401);
        assertProblem(gateway.admin("POST", "/v1/organizations", acme.development().secret(), Map.of("name", "x")), 401);
    }

    @Test
    void forgedContextAndEnvironmentHeadersAreIgnored() {
        ContextCodec sameKey = new ContextCodec(TidingsSystem.SIGNING_KEY, Duration.ofSeconds(30), Clock.systemUTC());
        EnvironmentContext production = EnvironmentContext.apiKey(UUID.fromString(acme.id()), UUID.fromString(acme.production().id()),
                EnvironmentKind.PRODUCTION, UUID.fromString(acme.development().id()), null);
        String forged = sameKey.sign(production, "GET", "/v1/environments/me");

        Api.Response me = gateway.send("GET", "/v1/environments/me", Map.of(
                "Authorization", "ApiKey " + acme.development().secret(),
                "X-Tidings-Context", forged,
                "X-Tidings-Environment", acme.production().id()), null);
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.data().get("_id").asString()).isEqualTo(acme.development().id());

        // without a key, even a correctly signed context is stripped and refused
        assertProblem(gateway.send("GET", "/v1/environments/me", Map.of("X-Tidings-Context", forged), null), 401);
    }

    @Test
    void directCallsToAServiceNeedAValidContext() {
        String path = "/v1/environments/me";
        EnvironmentContext development = EnvironmentContext.apiKey(UUID.fromString(acme.id()), UUID.fromString(acme.development().id()),
                EnvironmentKind.DEVELOPMENT, null, UUID.fromString(acme.production().id()));

        assertProblem(environmentService.send("GET", path, Map.of(), null), 401);
        assertProblem(environmentService.send("GET", path, Map.of("Authorization", "ApiKey " + acme.development().secret()), null), 401);

        ContextCodec expired = new ContextCodec(TidingsSystem.SIGNING_KEY, Duration.ofSeconds(30),
                Clock.fixed(Instant.now().minusSeconds(90), ZoneOffset.UTC));
        assertProblem(environmentService.send("GET", path, Map.of("X-Tidings-Context", expired.sign(development, "GET", path)), null), 401);

        ContextCodec otherKey = new ContextCodec("some-other-signing-key-0123456789abcdef", Duration.ofSeconds(30), Clock.systemUTC());
        assertProblem(environmentService.send("GET", path, Map.of("X-Tidings-Context", otherKey.sign(development, "GET", path)), null), 401);

        ContextCodec valid = new ContextCodec(TidingsSystem.SIGNING_KEY, Duration.ofSeconds(30), Clock.systemUTC());
        Api.Response ok = environmentService.send("GET", path, Map.of("X-Tidings-Context", valid.sign(development, "GET", path)), null);
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
    }

    @Test
    void internalCredentialLookupIsNotRouted() {
        Api.Response response = gateway.send("GET", "/internal/credentials/applications/" + acme.development().identifier(),
                Map.of("Authorization", "ApiKey " + acme.development().secret()), null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw()).doesNotContain(acme.id());
    }

    @Test
    void rotatedKeyStopsWorkingThroughTheGatewayWithinOneSecond() throws InterruptedException {
        DemoOrganization org = DemoOrganization.create(gateway, "Rotation");
        String old = org.development().secret();
        assertThat(gateway.get("/v1/environments/me", old).status()).isEqualTo(200); // cached now
        assertThat(gateway.get("/v1/environments/me", old).status()).isEqualTo(200);

        Api.Response rotated = gateway.withKey("POST", "/v1/environments/api-keys/regenerate", old, null);
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
        Instant rotatedAt = Instant.now();
        String fresh = rotated.data().get(0).get("key").asString();

        int status = 200;
        while (status != 401 && Duration.between(rotatedAt, Instant.now()).toMillis() < 1_000) {
            status = gateway.get("/v1/environments/me", old).status();
            if (status != 401) {
                Thread.sleep(50);
            }
        }
        assertThat(status).as("old key through the gateway 1 s after rotation").isEqualTo(401);
        assertThat(gateway.get("/v1/environments/me", fresh).status()).isEqualTo(200);
    }

    @Test
    void keptKeyWorksUntilItExpires() throws InterruptedException {
        DemoOrganization org = DemoOrganization.create(gateway, "Overlap");
        String old = org.development().secret();
        assertThat(gateway.get("/v1/environments/me", old).status()).isEqualTo(200);

        Api.Response rotated = gateway.withKey("POST", "/v1/environments/api-keys/regenerate", old, Map.of("keepPreviousFor", 3));
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
        Instant expiry = Instant.now().plusSeconds(3);
        String fresh = rotated.data().get(0).get("key").asString();

        Thread.sleep(1_200); // past any invalidation, well before the expiry
        assertThat(gateway.get("/v1/environments/me", old).status()).isEqualTo(200);
        assertThat(gateway.get("/v1/environments/me", fresh).status()).isEqualTo(200);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 600);
        assertProblem(gateway.get("/v1/environments/me", old), 401);
        assertThat(gateway.get("/v1/environments/me", fresh).status()).isEqualTo(200);
    }

    @Test
    void twoOrganizationsNeverSeeEachOthersEnvironments() {
        DemoOrganization other = DemoOrganization.create(gateway, "Globex");

        Api.Response acmeList = gateway.get("/v1/environments", acme.development().secret());
        Api.Response otherList = gateway.get("/v1/environments", other.production().secret());

        assertThat(acmeList.data()).hasSize(2);
        assertThat(acmeList.raw()).doesNotContain(other.development().id()).doesNotContain(other.production().id());
        assertThat(otherList.raw()).doesNotContain(acme.development().id()).doesNotContain(acme.production().id());
        assertProblem(gateway.withKey("POST", "/v1/environments", other.development().secret(),
                Map.of("name", "Sneaky", "parentId", acme.development().id())), 404);
    }

    @Test
    void badBodiesGetAClearClientError() {
        String key = acme.development().secret();
        Api.Response malformed = gateway.send("POST", "/v1/environments", Map.of("Authorization", "ApiKey " + key), "{\"name\":");
        assertProblem(malformed, 400);
        assertThat(malformed.body().get("detail").asString()).contains("malformed JSON");

        Api.Response unknown = gateway.withKey("POST", "/v1/environments", key,
                Map.of("name", "QA", "parentId", acme.development().id(), "color", "blue"));
        assertProblem(unknown, 400);
        assertThat(unknown.body().get("detail").asString()).contains("color");

        Api.Response oversized = gateway.withKey("POST", "/v1/environments", key, Map.of("name", "x".repeat(300_000)));
        assertProblem(oversized, 413);
        assertThat(oversized.body().get("detail").asString()).contains("262144");

        Api.Response wrongType = gateway.withKey("POST", "/v1/environments/api-keys/regenerate", key, Map.of("keepPreviousFor", "later"));
        assertProblem(wrongType, 400);

        assertThat(gateway.get("/v1/environments", key).data()).hasSize(2); // nothing was half-written
    }
}
