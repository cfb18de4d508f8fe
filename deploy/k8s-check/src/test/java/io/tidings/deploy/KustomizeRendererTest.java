package io.tidings.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Java renderer the checks rely on renders what kustomize renders, and refuses what it does not know. */
class KustomizeRendererTest {

    static final List<String> ALL = Deploy.ALL;

    /** Runs only where kubectl is installed (it is not needed for the build): then both must agree exactly. */
    @ParameterizedTest
    @FieldSource("ALL")
    void rendersWhatKubectlKustomizeRenders(String dir) throws Exception {
        Path kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "kubectl is not installed");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", Deploy.ROOT.resolve(dir).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Path rendered = Files.createTempFile("kustomize", ".yaml");
        try {
            Files.writeString(rendered, output);
            assertThat(byId(Kustomize.render(Deploy.ROOT.resolve(dir)))).isEqualTo(byId(Kustomize.readAll(rendered)));
        } finally {
            Files.delete(rendered);
        }
    }

    @Test
    void refusesKustomizationFieldsItDoesNotImplement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels:\n  team: a\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("commonLabels");
    }

    @Test
    void patchesMergeContainersByNameAndReplaceOtherLists() {
        Map<String, Object> target = Map.of("spec", Map.of("containers", List.of(
                Map.of("name", "a", "image", "a:1", "args", List.of("x")),
                Map.of("name", "b", "image", "b:1"))));
        Map<String, Object> patch = Map.of("spec", Map.of("containers", List.of(Map.of("name", "b", "image", "b:2", "args", List.of("y")))));
        assertThat(StrategicMerge.apply(target, patch)).isEqualTo(Map.of("spec", Map.of("containers", List.of(
                Map.of("name", "a", "image", "a:1", "args", List.of("x")),
                Map.of("name", "b", "image", "b:2", "args", List.of("y"))))));
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        objects.forEach(o -> byId.put(o.get("kind") + "/" + Kustomize.map(o.get("metadata")).get("namespace") + "/" + Kustomize.name(o), o));
        return byId;
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
