package io.tidings.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3: workflows, groups and layouts through the gateway, with real development and production keys. */
class TemplatesE2EIT {

    static TidingsSystem system;
    static Api gateway;
    static DemoOrganization acme;
    static String workflowId;
    static String layoutId;
    static String groupId;

    @BeforeAll
    static void start() {
        system = TidingsSystem.get();
        gateway = new Api(system.gatewayUrl());
        acme = DemoOrganization.create(gateway, "Templates Acme");
        String dev = acme.development().secret();

        Api.Response layout = gateway.withKey("POST", "/v1/layouts", dev,
                Map.of("name", "Branded", "content", "<html><body>{{{body}}}<footer>{{company}}</footer></body></html>"));
        assertThat(layout.status()).as(layout.raw()).isEqualTo(201);
        layoutId = layout.data().get("_id").asString();

        Api.Response group = gateway.withKey("POST", "/v1/notification-groups", dev, Map.of("name", "Orders"));
        assertThat(group.status()).as(group.raw()).isEqualTo(201);
        groupId = group.data().get("_id").asString();

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Order shipped");
        body.put("notificationGroupId", groupId);
        body.put("steps", List.of(
                Map.of("name", "Inbox", "type", "in_app", "template", Map.of("content", "Order {{orderId}} is on its way")),
                Map.of("name", "Mail", "type", "email", "template",
                        Map.of("subject", "Shipped: {{orderId}}", "content", "Hi {{subscriber.firstName}}", "layoutId", layoutId))));
        Api.Response created = gateway.withKey("POST", "/v1/notification-templates", dev, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        workflowId = created.data().get("_id").asString();
    }

    static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("statusCode").asInt()).isEqualTo(status);
        assertThat(response.body().get("message").asString()).isNotBlank();
    }

    static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.forEach(item -> ids.add(item.get("_id").asString()));
        return ids;
    }

    @Test
    void developmentCreatesAWorkflowAndListsIt() {
        String dev = acme.development().secret();

        Api.Response list = gateway.get("/v1/notification-templates", dev);
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        assertThat(ids(list.data())).containsExactly(workflowId);
        assertThat(list.body().get("totalCount").asLong()).isEqualTo(1);
        assertThat(list.body().get("hasMore").asBoolean()).isFalse();
        JsonNode workflow = list.data().get(0);
        assertThat(workflow.get("_environmentId").asString()).isEqualTo(acme.development().id());
        assertThat(workflow.get("_notificationGroupId").asString()).isEqualTo(groupId);
        assertThat(workflow.get("triggers").get(0).get("identifier").asString()).isEqualTo("order-shipped");
        assertThat(workflow.get("steps")).hasSize(2);
        assertThat(workflow.get("steps").get(1).get("template").get("layoutId").asString()).isEqualTo(layoutId);
        List<String> variables = new ArrayList<>();
        workflow.get("variables").forEach(v -> variables.add(v.get("name").asString()));
        assertThat(variables).containsExactly("orderId", "subscriber.firstName");

        Api.Response one = gateway.get("/v1/notification-templates/" + workflowId, dev);
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        assertThat(one.data().get("name").asString()).isEqualTo("Order shipped");

        assertThat(ids(gateway.get("/v1/notification-templates?query=shipped&page=0&limit=10", dev).data())).containsExactly(workflowId);
        assertThat(gateway.get("/v1/notification-templates?query=nothing-like-it", dev).body().get("totalCount").asLong()).isZero();
    }

    @Test
    void theWorkflowsAliasReachesTheSameWorkflows() {
        String dev = acme.development().secret();

        Api.Response list = gateway.get("/v1/workflows", dev);
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        assertThat(ids(list.data())).containsExactly(workflowId);

        Api.Response one = gateway.get("/v1/workflows/" + workflowId, dev);
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        assertThat(one.data().get("_id").asString()).isEqualTo(workflowId);
    }

    @Test
    void developmentHasTheGeneralGroupAndTheLayoutAsDefault() {
        String dev = acme.development().secret();

        Api.Response groups = gateway.get("/v1/notification-groups", dev);
        assertThat(groups.status()).as(groups.raw()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        groups.data().forEach(g -> names.add(g.get("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("General", "Orders");

        Api.Response layouts = gateway.get("/v1/layouts", dev);
        assertThat(ids(layouts.data())).containsExactly(layoutId);
        assertThat(layouts.data().get(0).get("isDefault").asBoolean()).isTrue();
    }

    @Test
    void everyProductionWriteRouteIsForbidden() {
        String prod = acme.production().secret();
        String layoutBody = "<div>{{{body}}}</div>";
        Map<String, Object> workflow = Map.of("name", "Sneaky", "steps",
                List.of(Map.of("type", "in_app", "template", Map.of("content", "x"))));

        List<Api.Response> writes = List.of(
                gateway.withKey("POST", "/v1/notification-templates", prod, workflow),
                gateway.withKey("PUT", "/v1/notification-templates/" + workflowId, prod, Map.of("name", "Changed")),
                gateway.withKey("PUT", "/v1/notification-templates/" + workflowId + "/status", prod, Map.of("active", false)),
                gateway.withKey("DELETE", "/v1/notification-templates/" + workflowId, prod, null),
                gateway.withKey("POST", "/v1/workflows", prod, workflow),
                gateway.withKey("PUT", "/v1/workflows/" + workflowId, prod, Map.of("name", "Changed")),
                gateway.withKey("DELETE", "/v1/workflows/" + workflowId, prod, null),
                gateway.withKey("POST", "/v1/notification-groups", prod, Map.of("name", "Sneaky")),
                gateway.withKey("PATCH", "/v1/notification-groups/" + groupId, prod, Map.of("name", "Changed")),
                gateway.withKey("DELETE", "/v1/notification-groups/" + groupId, prod, null),
                gateway.withKey("POST", "/v1/layouts", prod, Map.of("name", "Sneaky", "content", layoutBody)),
                gateway.withKey("PATCH", "/v1/layouts/" + layoutId, prod, Map.of("content", layoutBody)),
                gateway.withKey("DELETE", "/v1/layouts/" + layoutId, prod, null),
                gateway.withKey("POST", "/v1/layouts/" + layoutId + "/default", prod, null));
        for (Api.Response write : writes) {
            assertProblem(write, 403);
            assertThat(write.body().get("detail").asString()).containsIgnoringCase("promote");
        }

        // development is untouched by any of them
        String dev = acme.development().secret();
        assertThat(gateway.get("/v1/notification-templates/" + workflowId, dev).data().get("name").asString()).isEqualTo("Order shipped");
        assertThat(gateway.get("/v1/notification-groups/" + groupId, dev).data().get("name").asString()).isEqualTo("Orders");
        assertThat(gateway.get("/v1/layouts/" + layoutId, dev).data().get("content").asString()).doesNotContain("<div>");
    }

    @Test
    void productionListsStayEmptyUntilAPromotion() {
        String prod = acme.production().secret();

        for (String path : List.of("/v1/notification-templates", "/v1/workflows", "/v1/layouts")) {
            Api.Response list = gateway.get(path, prod);
            assertThat(list.status()).as(path + ": " + list.raw()).isEqualTo(200);
            assertThat(list.data()).as(path).isEmpty();
            assertThat(list.body().get("totalCount").asLong()).as(path).isZero();
        }
        assertProblem(gateway.get("/v1/notification-templates/" + workflowId, prod), 404);
        assertProblem(gateway.get("/v1/layouts/" + layoutId, prod), 404);
        assertProblem(gateway.get("/v1/notification-groups/" + groupId, prod), 404);
        Api.Response groups = gateway.get("/v1/notification-groups", prod);
        assertThat(groups.status()).as(groups.raw()).isEqualTo(200);
        assertThat(groups.raw()).doesNotContain(groupId).doesNotContain("Orders");
    }

    @Test
    void anotherOrganizationSeesNoneOfIt() {
        DemoOrganization other = DemoOrganization.create(gateway, "Templates Globex");

        for (String secret : List.of(other.development().secret(), other.production().secret())) {
            Api.Response workflows = gateway.get("/v1/notification-templates", secret);
            assertThat(workflows.status()).as(workflows.raw()).isEqualTo(200);
            assertThat(workflows.data()).isEmpty();
            assertThat(gateway.get("/v1/layouts", secret).data()).isEmpty();
            assertThat(gateway.get("/v1/notification-groups", secret).raw()).doesNotContain(groupId);
            assertProblem(gateway.get("/v1/notification-templates/" + workflowId, secret), 404);
            assertProblem(gateway.get("/v1/layouts/" + layoutId, secret), 404);
        }
        String otherDev = other.development().secret();
        assertProblem(gateway.withKey("PUT", "/v1/notification-templates/" + workflowId, otherDev, Map.of("name", "Hijacked")), 404);
        assertProblem(gateway.withKey("DELETE", "/v1/notification-templates/" + workflowId, otherDev, null), 404);
        assertProblem(gateway.withKey("DELETE", "/v1/layouts/" + layoutId, otherDev, null), 404);
        Map<String, Object> usingTheirGroup = Map.of("name", "Borrowed", "notificationGroupId", groupId, "steps", List.of());
        assertProblem(gateway.withKey("POST", "/v1/notification-templates", otherDev, usingTheirGroup), 404);

        // the same trigger identifier is free in another organization
        Api.Response own = gateway.withKey("POST", "/v1/notification-templates", otherDev, Map.of("name", "Order shipped"));
        assertThat(own.status()).as(own.raw()).isEqualTo(201);
        assertThat(own.data().get("_id").asString()).isNotEqualTo(workflowId);
        assertThat(ids(gateway.get("/v1/notification-templates", acme.development().secret()).data())).containsExactly(workflowId);
    }
}
