package io.tidings.e2e;

import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An organization created through the gateway with the admin token, and what its creation revealed once. */
public record DemoOrganization(String id, Environment development, Environment production) {

    public record Environment(String id, String identifier, String secret) {
    }

    public static DemoOrganization create(Api gateway, String name) {
        Api.Response created = gateway.admin("POST", "/v1/organizations", TidingsSystem.ADMIN_TOKEN, Map.of("name", name));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode envs = created.data().get("environments");
        return new DemoOrganization(created.data().get("_id").asString(), environment(envs.get(0)), environment(envs.get(1)));
    }

    private static Environment environment(JsonNode node) {
        return new Environment(node.get("_id").asString(), node.get("identifier").asString(), node.get("apiKey").asString());
    }
}
