package io.tidings.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSeedTest {

    private static final String RESPONSE = """
            {"data": {"_id": "org-1", "name": "Demo", "createdAt": "2026-01-01T00:00:00Z", "environments": [
              {"_id": "e1", "name": "Development", "identifier": "app-dev", "kind": "DEVELOPMENT", "_parentId": null,
               "apiKey": "sk-dev", "extra": {"ignored": true}},
              {"_id": "e2", "name": "Production", "identifier": "app-prod", "kind": "PRODUCTION", "_parentId": "e1",
               "apiKey": "sk-prod"}]}}
            """;

    @Test
    void parsesTheCreatedOrganizationAndKeepsItAcrossRestarts(@TempDir Path dataDir) throws Exception {
        DemoSeed.Demo demo = DemoSeed.parseCreateResponse(RESPONSE);

        assertThat(demo.organizationId()).isEqualTo("org-1");
        assertThat(demo.environments()).containsExactly(
                new DemoSeed.DemoEnvironment("Development", "app-dev", "DEVELOPMENT", "sk-dev"),
                new DemoSeed.DemoEnvironment("Production", "app-prod", "PRODUCTION", "sk-prod"));
        assertThat(demo.development().apiKey()).isEqualTo("sk-dev");

        assertThat(DemoSeed.load(dataDir)).isNull();
        DemoSeed.save(dataDir, demo);
        assertThat(DemoSeed.load(dataDir)).isEqualTo(demo);
    }

    @Test
    void toleratesAnUnwrappedBodyAndOtherKeyNames() {
        DemoSeed.Demo demo = DemoSeed.parseCreateResponse(
                "{\"id\":\"o\",\"name\":\"Demo\",\"environments\":[{\"name\":\"Staging\",\"identifier\":\"i\",\"secretKey\":\"s\"}]}");
        assertThat(demo.environments()).containsExactly(new DemoSeed.DemoEnvironment("Staging", "i", null, "s"));
        assertThat(demo.development().name()).isEqualTo("Staging");
    }
}
