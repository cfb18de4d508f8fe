package io.tidings.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.tidings.e2e.Delivery.assertProblem;
import static io.tidings.e2e.Delivery.detail;
import static io.tidings.e2e.Delivery.items;
import static io.tidings.e2e.Delivery.step;
import static io.tidings.e2e.Delivery.trigger;
import static io.tidings.e2e.Delivery.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: each kind of environment-scoped data, created in one environment, is invisible in the
 * other and in another organization. Messages, execution details and notifications are made only
 * by a trigger, which in production needs a promoted workflow (issue 5): for those, only the
 * development-to-production direction (and the refused production trigger) is shown here.
 */
class IsolationMatrixE2EIT {

    /** lowercase: the brand stores colors in lowercase */
    static final String BRAND_COLOR = "#1a2b3c";

    static Api gateway;
    static DemoOrganization acme;
    static DemoOrganization globex;
    static String dev;
    static String prod;
    static String devIntegration;
    static String prodIntegration;
    static String devFeed;
    static String notificationId;
    static String messageId;

    @BeforeAll
    static void start() {
        gateway = new Api(TidingsSystem.get().gatewayUrl());
        acme = DemoOrganization.create(gateway, "Matrix Acme");
        globex = DemoOrganization.create(gateway, "Matrix Globex");
        dev = acme.development().secret();
        prod = acme.production().secret();

        created(gateway.withKey("POST", "/v1/subscribers", dev, Map.of("subscriberId", "dev-only", "firstName", "Dev")));
        created(gateway.withKey("POST", "/v1/subscribers", dev, Map.of("subscriberId", "both", "firstName", "Dev side")));
        created(gateway.withKey("POST", "/v1/subscribers", prod, Map.of("subscriberId", "prod-only", "firstName", "Prod")));
        created(gateway.withKey("POST", "/v1/subscribers", prod, Map.of("subscriberId", "both", "firstName", "Prod side")));

        devIntegration = created(gateway.withKey("POST", "/v1/integrations", dev, Map.of("providerId", "webhook", "channel", "chat",
                "credentials", Map.of("url", "http://127.0.0.1:9/dev-hook"), "active", true, "name", "Dev hook"))).get("_id").asString();
        prodIntegration = created(gateway.withKey("POST", "/v1/integrations", prod, Map.of("providerId", "webhook", "channel", "chat",
                "credentials", Map.of("url", "http://127.0.0.1:9/prod-hook"), "active", true, "name", "Prod hook"))).get("_id").asString();

        devFeed = created(gateway.withKey("POST", "/v1/feeds", dev, Map.of("name", "Dev feed"))).get("_id").asString();

        Api.Response brand = gateway.withKey("PUT", "/v1/organizations/branding", dev, Map.of("color", BRAND_COLOR));
        assertThat(brand.status()).as(brand.raw()).isEqualTo(200);

        String workflow = Delivery.workflow(gateway, dev, "Matrix alert", List.of(step("Inbox", "in_app", "Alert {{n}}")));
        Delivery.triggerOnceReadable(gateway, dev, trigger(workflow, "dev-reader", Map.of("n", "1"), "matrix-tx"));
        JsonNode notification = items(gateway.get("/v1/notifications", dev)).get(0);
        notificationId = notification.get("_id").asString();
        messageId = items(gateway.get("/v1/messages", dev)).get(0).get("_id").asString();
    }

    static JsonNode created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.data();
    }

    static List<String> subscriberIds(String key) {
        return values(items(gateway.get("/v1/subscribers?limit=100", key)), "subscriberId");
    }

    // --- development <-> production of one organization ---

    @Test
    void subscribersStayInTheEnvironmentTheyWereCreatedIn() {
        assertThat(subscriberIds(dev)).contains("dev-only", "both", "dev-reader").doesNotContain("prod-only");
        assertThat(subscriberIds(prod)).contains("prod-only", "both").doesNotContain("dev-only", "dev-reader");
        assertProblem(gateway.get("/v1/subscribers/dev-only", prod), 404);
        assertProblem(gateway.get("/v1/subscribers/prod-only", dev), 404);
        assertProblem(gateway.withKey("PUT", "/v1/subscribers/dev-only", prod, Map.of("firstName", "Hijacked")), 404);
        assertProblem(gateway.withKey("DELETE", "/v1/subscribers/prod-only", dev, null), 404);

        // the same subscriberId is two subscribers
        assertThat(gateway.get("/v1/subscribers/both", dev).data().get("firstName").asString()).isEqualTo("Dev side");
        assertThat(gateway.get("/v1/subscribers/both", prod).data().get("firstName").asString()).isEqualTo("Prod side");
        assertThat(gateway.get("/v1/subscribers/dev-only", dev).data().get("firstName").asString()).isEqualTo("Dev");
        assertThat(gateway.get("/v1/subscribers/prod-only", prod).data().get("firstName").asString()).isEqualTo("Prod");
    }

    @Test
    void messagesOfADevelopmentTriggerAreInvisibleInProduction() {
        assertThat(values(items(gateway.get("/v1/messages", dev)), "_id")).containsExactly(messageId);
        assertThat(values(items(gateway.get("/v1/subscribers/dev-reader/notifications/feed", dev)), "_id")).containsExactly(messageId);

        Api.Response prodMessages = gateway.get("/v1/messages", prod);
        assertThat(items(prodMessages)).isEmpty();
        assertThat(prodMessages.body().get("totalCount").asLong()).isZero();
        assertThat(items(gateway.get("/v1/messages?subscriberId=dev-reader&channel=in_app", prod))).isEmpty();
        assertProblem(gateway.get("/v1/subscribers/dev-reader/notifications/feed", prod), 404);
        assertProblem(gateway.withKey("DELETE", "/v1/messages/" + messageId, prod, null), 404);
        assertThat(values(items(gateway.get("/v1/messages", dev)), "_id")).containsExactly(messageId);
    }

    @Test
    void notificationsAndExecutionDetailsOfADevelopmentTriggerAreInvisibleInProduction() {
        String details = "/v1/execution-details?notificationId=" + notificationId;
        assertThat(items(gateway.get(details, dev))).isNotEmpty()
                .allSatisfy(d -> assertThat(d.get("_environmentId").asString()).isEqualTo(acme.development().id()));
        assertThat(items(gateway.get("/v1/notifications", dev))).hasSize(1);

        assertThat(items(gateway.get(details, prod))).isEmpty();
        assertThat(items(gateway.get(details + "&subscriberId=dev-reader", prod))).isEmpty();
        Api.Response prodNotifications = gateway.get("/v1/notifications", prod);
        assertThat(items(prodNotifications)).isEmpty();
        assertThat(prodNotifications.body().get("totalCount").asLong()).isZero();

        // and production cannot make its own without a promoted workflow (issue 5)
        assertProblem(gateway.withKey("POST", "/v1/events/trigger", prod, trigger("matrix-alert", "prod-only", Map.of(), null)), 404);
        assertThat(items(gateway.get("/v1/notifications", prod))).isEmpty();
    }

    @Test
    void integrationsStayInTheEnvironmentTheyWereCreatedIn() {
        assertThat(values(items(gateway.get("/v1/integrations", dev)), "_id")).containsExactly(devIntegration);
        assertThat(values(items(gateway.get("/v1/integrations", prod)), "_id")).containsExactly(prodIntegration);
        assertThat(values(items(gateway.get("/v1/integrations/active", dev)), "_id")).containsExactly(devIntegration);
        assertThat(values(items(gateway.get("/v1/integrations/active?channel=chat", prod)), "_id")).containsExactly(prodIntegration);

        assertProblem(gateway.withKey("PUT", "/v1/integrations/" + devIntegration, prod, Map.of("active", false)), 404);
        assertProblem(gateway.withKey("DELETE", "/v1/integrations/" + devIntegration, prod, null), 404);
        assertProblem(gateway.withKey("PUT", "/v1/integrations/" + prodIntegration, dev, Map.of("name", "Hijacked")), 404);
        assertProblem(gateway.withKey("DELETE", "/v1/integrations/" + prodIntegration, dev, null), 404);
        JsonNode stillDev = items(gateway.get("/v1/integrations", dev)).get(0);
        assertThat(stillDev.get("active").asBoolean()).isTrue();
        assertThat(items(gateway.get("/v1/integrations", prod)).get(0).get("name").asString()).isEqualTo("Prod hook");
    }

    @Test
    void feedsAreInvisibleInProductionWhereTheyAreReadOnly() {
        assertThat(values(items(gateway.get("/v1/feeds", dev)), "_id")).containsExactly(devFeed);
        assertThat(items(gateway.get("/v1/feeds", prod))).isEmpty();

        Api.Response create = gateway.withKey("POST", "/v1/feeds", prod, Map.of("name", "Prod feed"));
        assertProblem(create, 403);
        assertThat(detail(create)).containsIgnoringCase("promote");
        assertProblem(gateway.withKey("DELETE", "/v1/feeds/" + devFeed, prod, null), 403);
        assertThat(items(gateway.get("/v1/feeds", prod))).isEmpty();
        assertThat(values(items(gateway.get("/v1/feeds", dev)), "_id")).containsExactly(devFeed);
    }

    @Test
    void theBrandIsPerEnvironmentAndReadOnlyInProduction() {
        assertThat(gateway.get("/v1/organizations/branding", dev).data().get("color").asString()).isEqualTo(BRAND_COLOR);
        Api.Response prodBrand = gateway.get("/v1/organizations/branding", prod);
        assertThat(prodBrand.status()).as(prodBrand.raw()).isEqualTo(200);
        assertThat(prodBrand.data().get("_environmentId").asString()).isEqualTo(acme.production().id());
        assertThat(prodBrand.raw()).doesNotContainIgnoringCase(BRAND_COLOR);

        Api.Response write = gateway.withKey("PUT", "/v1/organizations/branding", prod, Map.of("color", "#0f0f0f"));
        assertProblem(write, 403);
        assertThat(detail(write)).containsIgnoringCase("promote");
        assertThat(gateway.get("/v1/organizations/branding", prod).data().get("color").asString())
                .isEqualTo(prodBrand.data().get("color").asString()).isNotEqualTo("#0f0f0f");
        assertThat(gateway.get("/v1/organizations/branding", dev).data().get("color").asString()).isEqualTo(BRAND_COLOR);
    }

    // --- across organizations ---

    @Test
    void anotherOrganizationSeesNoneOfIt() {
        for (String key : List.of(globex.development().secret(), globex.production().secret())) {
            assertThat(items(gateway.get("/v1/subscribers", key))).isEmpty();
            assertThat(items(gateway.get("/v1/messages", key))).isEmpty();
            assertThat(items(gateway.get("/v1/notifications", key))).isEmpty();
            assertThat(items(gateway.get("/v1/execution-details?notificationId=" + notificationId, key))).isEmpty();
            assertThat(items(gateway.get("/v1/integrations", key))).isEmpty();
            assertThat(items(gateway.get("/v1/integrations/active", key))).isEmpty();
            assertThat(items(gateway.get("/v1/feeds", key))).isEmpty();
            Api.Response brand = gateway.get("/v1/organizations/branding", key);
            assertThat(brand.status()).as(brand.raw()).isEqualTo(200);
            assertThat(brand.raw()).doesNotContainIgnoringCase(BRAND_COLOR);

            for (String subscriber : List.of("dev-only", "prod-only", "both", "dev-reader")) {
                assertProblem(gateway.get("/v1/subscribers/" + subscriber, key), 404);
            }
            assertProblem(gateway.get("/v1/subscribers/dev-reader/notifications/feed", key), 404);
            assertProblem(gateway.withKey("DELETE", "/v1/messages/" + messageId, key, null), 404);
            assertProblem(gateway.withKey("PUT", "/v1/integrations/" + devIntegration, key, Map.of("name", "Hijacked")), 404);
            assertProblem(gateway.withKey("DELETE", "/v1/integrations/" + prodIntegration, key, null), 404);
            assertProblem(gateway.withKey("PUT", "/v1/subscribers/dev-only", key, Map.of("firstName", "Hijacked")), 404);
            assertProblem(gateway.withKey("DELETE", "/v1/subscribers/prod-only", key, null), 404);
            assertProblem(gateway.withKey("POST", "/v1/events/trigger", key, trigger("matrix-alert", "dev-reader", Map.of(), null)), 404);
        }
        assertProblem(gateway.withKey("DELETE", "/v1/feeds/" + devFeed, globex.development().secret(), null), 404);

        // the same subscriberId in the other organization is its own subscriber, and Acme's is untouched
        created(gateway.withKey("POST", "/v1/subscribers", globex.development().secret(), Map.of("subscriberId", "dev-only", "firstName", "Globex")));
        assertThat(gateway.get("/v1/subscribers/dev-only", dev).data().get("firstName").asString()).isEqualTo("Dev");
        assertThat(values(items(gateway.get("/v1/messages", dev)), "_id")).containsExactly(messageId);
        assertThat(values(items(gateway.get("/v1/integrations", dev)), "_id")).containsExactly(devIntegration);
        assertThat(values(items(gateway.get("/v1/feeds", dev)), "_id")).containsExactly(devFeed);
    }
}
