package io.tidings.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization offline, in plain Java, so the checks need nothing but a JDK.
 * <p>
 * It knows the subset of kustomize that {@code deploy/} uses, and refuses any other field rather than
 * rendering something kustomize would not:
 * <ul>
 *   <li>{@code resources}: YAML files (one or more documents) and directories holding a kustomization;</li>
 *   <li>{@code namespace}: set on every object;</li>
 *   <li>{@code images}: {@code name} with {@code newName} and/or {@code newTag}, matched on the image
 *       name without its tag;</li>
 *   <li>{@code patches}: {@code path} of a strategic merge patch, whose documents name their target by
 *       kind and metadata.name ({@link StrategicMerge});</li>
 *   <li>{@code configMapGenerator}: {@code files} with {@code options.labels} and
 *       {@code options.disableNameSuffixHash: true} (no name hashes to emulate).</li>
 * </ul>
 * {@code KustomizeRendererTest} compares the result with {@code kubectl kustomize} where kubectl exists.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "patches", "configMapGenerator");

    private Kustomize() {
    }

    /** The objects {@code kubectl kustomize dir} would print, in resource order. */
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> kustomization = readSingle(dir.resolve("kustomization.yaml"));
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml uses '" + field
                        + "', which this renderer does not support (see Kustomize's javadoc)");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path path = dir.resolve((String) resource).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                objects.addAll(readAll(path));
            }
        }
        for (Object generator : list(kustomization.get("configMapGenerator"))) {
            objects.add(configMap(dir, map(generator)));
        }
        for (Object patch : list(kustomization.get("patches"))) {
            Map<String, Object> spec = map(patch);
            if (spec.keySet().size() != 1 || !spec.containsKey("path")) {
                throw new IllegalArgumentException(dir + ": only patches with a path alone are supported, not " + spec);
            }
            for (Map<String, Object> document : readAll(dir.resolve((String) spec.get("path")))) {
                Map<String, Object> target = objects.stream()
                        .filter(o -> o.get("kind").equals(document.get("kind")) && name(o).equals(name(document)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir + "/" + spec.get("path") + ": no "
                                + document.get("kind") + " named " + name(document) + " to patch"));
                objects.set(objects.indexOf(target), StrategicMerge.apply(target, document));
            }
        }
        for (Object image : list(kustomization.get("images"))) {
            Map<String, Object> rule = map(image);
            objects.forEach(o -> retag(o, rule));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.forEach(o -> map(o.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    static List<Map<String, Object>> readAll(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : yaml().loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> readSingle(Path file) {
        List<Map<String, Object>> documents = readAll(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " should hold one document, not " + documents.size());
        }
        return documents.get(0);
    }

    /** SafeConstructor: plain maps, lists and scalars, as YAML 1.1 types them (kustomize reads YAML 1.2, see the test). */
    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Map<String, Object> configMap(Path dir, Map<String, Object> generator) {
        Map<String, Object> options = map(generator.getOrDefault("options", Map.of()));
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new IllegalArgumentException(dir + ": configMapGenerator needs options.disableNameSuffixHash: true here");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object file : list(generator.get("files"))) {
            try {
                data.put(Path.of((String) file).getFileName().toString(), Files.readString(dir.resolve((String) file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", generator.get("name"));
        if (options.containsKey("labels")) {
            metadata.put("labels", new LinkedHashMap<>(map(options.get("labels"))));
        }
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", metadata);
        configMap.put("data", data);
        return configMap;
    }

    /** Applies one {@code images} rule to every container and init container of a pod template. */
    @SuppressWarnings("unchecked")
    private static void retag(Map<String, Object> object, Map<String, Object> rule) {
        Object spec = object.get("spec");
        if (!(spec instanceof Map<?, ?> specMap) || !(specMap.get("template") instanceof Map<?, ?> template)
                || !(template.get("spec") instanceof Map<?, ?> podSpec)) {
            return;
        }
        for (String field : List.of("containers", "initContainers")) {
            for (Object c : list(podSpec.get(field))) {
                Map<String, Object> container = (Map<String, Object>) c;
                String image = (String) container.get("image");
                int colon = image.lastIndexOf(':');
                boolean tagged = colon > image.lastIndexOf('/');
                String name = tagged ? image.substring(0, colon) : image;
                String tag = tagged ? image.substring(colon + 1) : null;
                if (!name.equals(rule.get("name"))) {
                    continue;
                }
                String newName = (String) rule.getOrDefault("newName", name);
                String newTag = rule.containsKey("newTag") ? String.valueOf(rule.get("newTag")) : tag;
                container.put("image", newTag == null ? newName : newName + ":" + newTag);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
