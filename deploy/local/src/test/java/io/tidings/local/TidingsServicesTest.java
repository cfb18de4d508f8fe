package io.tidings.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TidingsServicesTest {

    @Test
    void everyServiceGetsInfrastructureSecretsPortsAndUrls() {
        LocalConfig config = LocalConfig.from(Map.of("TIDINGS_POSTGRES_PORT", "55320", "TIDINGS_KAFKA_PORT", "20092",
                "TIDINGS_ENVIRONMENT_PORT", "9081"), Path.of("/repo"), Path.of("/repo"));
        TidingsServices.Service environment = TidingsServices.ALL.get(0);

        Map<String, String> env = TidingsServices.environmentFor(environment, config, "signing-key", "admin-token", "encryption-key");

        assertThat(env)
                .containsEntry("TIDINGS_POSTGRES_HOST", "localhost")
                .containsEntry("TIDINGS_POSTGRES_PORT", "55320")
                .containsEntry("TIDINGS_POSTGRES_USER", "postgres")
                .containsEntry("TIDINGS_POSTGRES_PASSWORD", "postgres")
                .containsEntry("TIDINGS_KAFKA_BOOTSTRAP_SERVERS", "localhost:20092")
                .containsEntry("TIDINGS_CONTEXT_SIGNING_KEY", "signing-key")
                .containsEntry("TIDINGS_ADMIN_TOKEN", "admin-token")
                .containsEntry("TIDINGS_ENCRYPTION_KEY", "encryption-key")
                .containsEntry("TIDINGS_GATEWAY_PORT", "8080")
                .containsEntry("TIDINGS_ENVIRONMENT_PORT", "9081")
                .containsEntry("TIDINGS_PROMOTION_PORT", "8084")
                .containsEntry("TIDINGS_ENVIRONMENT_SERVICE_URL", "http://localhost:9081")
                .containsEntry("TIDINGS_TEMPLATE_SERVICE_URL", "http://localhost:8082")
                .containsEntry("TIDINGS_SUBSCRIBER_SERVICE_URL", "http://localhost:8083")
                .containsEntry("TIDINGS_PROMOTION_SERVICE_URL", "http://localhost:8084")
                .containsEntry("SERVER_PORT", "9081");
    }

    @Test
    void gatewayStartsLastAndDatabasesAreTheServicesOwn() {
        assertThat(TidingsServices.ALL.get(TidingsServices.ALL.size() - 1).name()).isEqualTo("gateway");
        assertThat(TidingsServices.databases()).containsExactly("environment", "template", "subscriber", "promotion");
    }

    @Test
    void findsTheExecutableJarOnly(@TempDir Path root) throws Exception {
        Path target = Files.createDirectories(root.resolve("gateway/target"));
        assertThat(TidingsServices.findJar(root, "gateway", "0.1.0-SNAPSHOT")).isEmpty();
        Files.createFile(target.resolve("gateway-0.1.0-SNAPSHOT-plain.jar"));
        assertThat(TidingsServices.findJar(root, "gateway", "0.1.0-SNAPSHOT")).isEmpty();
        Files.createFile(target.resolve("gateway-0.2.0.jar"));
        assertThat(TidingsServices.findJar(root, "gateway", "0.1.0-SNAPSHOT")).contains(target.resolve("gateway-0.2.0.jar"));
        Files.createFile(target.resolve("gateway-0.1.0-SNAPSHOT.jar"));
        assertThat(TidingsServices.findJar(root, "gateway", "0.1.0-SNAPSHOT"))
                .contains(target.resolve("gateway-0.1.0-SNAPSHOT.jar"));
    }
}
