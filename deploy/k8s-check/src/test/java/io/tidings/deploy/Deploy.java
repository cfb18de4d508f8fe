package io.tidings.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the deployment files are, relative to the repository root, and the root pom's image settings. */
final class Deploy {

    static final Path ROOT = Path.of(System.getProperty("tidings.root", "../..")).toAbsolutePath().normalize();

    static final String BASE = "deploy/k8s/base";
    static final String DEV = "deploy/k8s/overlays/dev";
    static final String PROD = "deploy/k8s/overlays/prod";
    static final String STRIMZI = "deploy/k8s/strimzi";
    static final String PROMETHEUS = "deploy/prometheus";
    static final String GRAFANA = "deploy/grafana";

    /** The kustomizations that deploy the services. */
    static final List<String> APPLICATION = List.of(BASE, DEV, PROD);
    /** Every kustomization under deploy/. */
    static final List<String> ALL = List.of(BASE, DEV, PROD, STRIMZI, PROMETHEUS, GRAFANA);

    private Deploy() {
    }

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    /** Rendered once per test JVM: the checks only read them. */
    static Manifests render(String dir) {
        return RENDERED.computeIfAbsent(dir, d -> Manifests.render(ROOT, d));
    }

    static List<ServiceConfig> services() {
        return ServiceConfig.all(ROOT);
    }

    /** A property of a pom ({@code <name>value</name>}), or null. */
    static String pomProperty(Path pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">")
                .matcher(ServiceConfig.read(pom));
        return m.find() ? m.group(1).trim() : null;
    }

    static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>tidings</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(ServiceConfig.read(ROOT.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no project version in the root pom");
        }
        return m.group(1);
    }
}
