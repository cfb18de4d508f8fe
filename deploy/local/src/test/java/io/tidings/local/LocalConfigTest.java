package io.tidings.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalConfigTest {

    @TempDir
    Path root;

    @Test
    void defaults() {
        LocalConfig config = LocalConfig.from(Map.of(), root, Path.of("/elsewhere"));
        assertThat(config.dataDir()).isEqualTo(root.resolve(".tidings"));
        assertThat(config.gatewayPort()).isEqualTo(8080);
        assertThat(config.environmentPort()).isEqualTo(8081);
        assertThat(config.templatePort()).isEqualTo(8082);
        assertThat(config.subscriberPort()).isEqualTo(8083);
        assertThat(config.promotionPort()).isEqualTo(8084);
        assertThat(config.postgresPort()).isEqualTo(54320);
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.gatewayUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void overridesAndRelativeDataDir() {
        LocalConfig config = LocalConfig.from(Map.of(
                "TIDINGS_DATA_DIR", "data",
                "TIDINGS_KAFKA_PORT", "20092",
                "TIDINGS_GATEWAY_PORT", " 9080 "), root, Path.of("/work/here"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/work/here/data"));
        assertThat(config.kafkaPort()).isEqualTo(20092);
        assertThat(config.kafkaControllerPort()).isEqualTo(20093);
        assertThat(config.gatewayPort()).isEqualTo(9080);
    }

    @Test
    void rejectsBadPorts() {
        assertThatThrownBy(() -> LocalConfig.from(Map.of("TIDINGS_POSTGRES_PORT", "x"), root, root))
                .hasMessageContaining("TIDINGS_POSTGRES_PORT");
        assertThatThrownBy(() -> LocalConfig.from(Map.of("TIDINGS_GATEWAY_PORT", "70000"), root, root))
                .hasMessageContaining("TIDINGS_GATEWAY_PORT");
    }

    @Test
    void signingKeyIsGeneratedOnceAndKept() throws Exception {
        String first = LocalSecrets.signingKey(Map.of(), root);
        assertThat(first).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(LocalSecrets.signingKey(Map.of(), root)).isEqualTo(first);
        assertThat(LocalSecrets.signingKey(Map.of("TIDINGS_CONTEXT_SIGNING_KEY", "k".repeat(40)), root))
                .isEqualTo("k".repeat(40));
    }

    @Test
    void encryptionKeyIsGeneratedOnceKeptOwnerOnlyAndDecodesTo32Bytes() throws Exception {
        String first = LocalSecrets.encryptionKey(Map.of(), root);
        assertThat(java.util.Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(LocalSecrets.encryptionKey(Map.of(), root)).isEqualTo(first);
        assertThat(first).isNotEqualTo(LocalSecrets.signingKey(Map.of(), root));
        java.nio.file.Path file = root.resolve(LocalSecrets.ENCRYPTION_KEY_FILE);
        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(LocalSecrets.encryptionKey(Map.of("TIDINGS_ENCRYPTION_KEY", "from-env"), root)).isEqualTo("from-env");
    }
}
