package io.tidings.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's own configuration says, read from its sources rather than restated here: the
 * {@code TIDINGS_*} variables its {@code application.yaml} and the files it imports read (with their
 * defaults), its HTTP port, its actuator settings, and which other services it calls over HTTP
 * (a {@code TIDINGS_<NAME>_SERVICE_URL} it reads).
 *
 * @param name      the Maven module, jar, image and Deployment name
 * @param variables every {@code TIDINGS_*} placeholder, with its default ("" for {@code ${X:}}, null for none)
 * @param settings  the merged YAML (imports override the service's own file, as Spring does)
 */
record ServiceConfig(String name, Path module, Map<String, String> variables, Map<String, Object> settings) {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern SERVICE_URL = Pattern.compile("TIDINGS_([A-Z]+)_SERVICE_URL");
    private static final Pattern PLACEHOLDER_PORT = Pattern.compile("\\$\\{(TIDINGS_[A-Z0-9_]+):(\\d+)}");

    /** Every module of the root pom that is a Spring Boot service (has src/main/resources/application.yaml). */
    static List<ServiceConfig> all(Path root) {
        List<ServiceConfig> services = new ArrayList<>();
        Matcher modules = MODULE.matcher(read(root.resolve("pom.xml")));
        while (modules.find()) {
            Path module = root.resolve(modules.group(1));
            if (Files.isRegularFile(module.resolve("src/main/resources/application.yaml"))) {
                services.add(load(root, module));
            }
        }
        return services;
    }

    static ServiceConfig load(Path root, Path module) {
        Path application = module.resolve("src/main/resources/application.yaml");
        Map<String, Object> own = Kustomize.readSingle(application);
        List<Path> files = new ArrayList<>(List.of(application));
        Map<String, Object> merged = own;
        for (String location : imports(own)) {
            Path imported = resolveClasspath(root, module, location);
            files.add(imported);
            merged = StrategicMerge.apply(merged, Kustomize.readSingle(imported));
        }
        Map<String, String> variables = new TreeMap<>();
        for (Path file : files) {
            variables.putAll(placeholders(read(file)));
        }
        String name = (String) path(own, "spring.application.name").orElseThrow();
        return new ServiceConfig(name, module, variables, merged);
    }

    /** Variables read without a usable default: nothing, or empty (the services fail or run without a secret). */
    Set<String> requiredVariables() {
        Set<String> required = new TreeSet<>();
        variables.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                required.add(name);
            }
        });
        return required;
    }

    /** The port variable and its default, from {@code server.port: ${TIDINGS_X_PORT:8081}}. */
    Map.Entry<String, Integer> port() {
        String value = String.valueOf(path(settings, "server.port").orElseThrow());
        Matcher m = PLACEHOLDER_PORT.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException(name + ": server.port is not ${TIDINGS_*_PORT:<n>}: " + value);
        }
        return Map.entry(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** The services this one calls over HTTP: those whose URL it reads. */
    Set<String> calls() {
        Set<String> called = new TreeSet<>();
        variables.keySet().forEach(v -> {
            Matcher m = SERVICE_URL.matcher(v);
            if (m.matches()) {
                called.add(m.group(1).toLowerCase() + "-service");
            }
        });
        return called;
    }

    Optional<Object> setting(String dotted) {
        return path(settings, dotted);
    }

    /** {@code ${NAME}} and {@code ${NAME:default}}, where default may hold nested placeholders. */
    static Map<String, String> placeholders(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        int at = 0;
        while ((at = text.indexOf("${TIDINGS_", at)) >= 0) {
            int nameStart = at + 2;
            int i = nameStart;
            while (i < text.length() && (Character.isUpperCase(text.charAt(i)) || Character.isDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            String name = text.substring(nameStart, i);
            String defaultValue = null;
            if (text.charAt(i) == ':') {
                int depth = 1;
                int j = i + 1;
                for (; j < text.length() && depth > 0; j++) {
                    char c = text.charAt(j);
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        depth--;
                    }
                }
                defaultValue = text.substring(i + 1, j - 1);
            }
            // the same variable read twice keeps its most permissive default
            found.merge(name, defaultValue == null ? "\0" : defaultValue, (a, b) -> a.equals("\0") ? b : a);
            at = i;
        }
        found.replaceAll((k, v) -> v.equals("\0") ? null : v);
        return found;
    }

    private static List<String> imports(Map<String, Object> yaml) {
        Object value = path(yaml, "spring.config.import").orElse(List.of());
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    private static Path resolveClasspath(Path root, Path module, String location) {
        String file = location.replaceFirst("^optional:", "").replaceFirst("^classpath:", "");
        for (Path candidate : List.of(module.resolve("src/main/resources").resolve(file),
                root.resolve("platform/src/main/resources").resolve(file))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(module + " imports " + location + ", which is neither in it nor in platform");
    }

    static Optional<Object> path(Map<String, Object> yaml, String dotted) {
        Object node = yaml;
        for (String part : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            node = map.get(part);
        }
        return Optional.ofNullable(node);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
