package io.tidings.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Kubernetes' strategic merge patch that the overlays use: maps merge key by key, a null
 * value removes the key, lists of containers, env vars and volumes merge by their merge key, and any other
 * list is replaced (as kustomize does for lists without a patch strategy).
 * <p>
 * {@code ports} is refused: its merge key depends on where it is (containerPort in a container, port in a
 * Service), which this small version does not track. Patch something else or extend this first.
 */
final class StrategicMerge {

    /** Field name to merge key, from the Kubernetes API's x-kubernetes-patch-merge-key. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath");

    private StrategicMerge() {
    }

    static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> merged = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            Object current = merged.get(key);
            if (value == null) {
                merged.remove(key);
            } else if (current instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                merged.put(key, apply(Kustomize.map(current), Kustomize.map(value)));
            } else if (current instanceof List<?> && value instanceof List<?>) {
                merged.put(key, mergeList(key, Kustomize.list(current), Kustomize.list(value)));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static List<Object> mergeList(String field, List<Object> target, List<Object> patch) {
        if (field.equals("ports")) {
            throw new IllegalArgumentException("patching 'ports' is not supported by this renderer (see StrategicMerge)");
        }
        String mergeKey = MERGE_KEYS.get(field);
        if (mergeKey == null) {
            return patch;
        }
        List<Object> merged = new ArrayList<>(target);
        for (Object element : patch) {
            Map<String, Object> item = Kustomize.map(element);
            Object key = item.get(mergeKey);
            int index = indexOf(merged, mergeKey, key);
            if (index < 0) {
                merged.add(item);
            } else {
                merged.set(index, apply(Kustomize.map(merged.get(index)), item));
            }
        }
        return merged;
    }

    private static int indexOf(List<Object> items, String mergeKey, Object key) {
        for (int i = 0; i < items.size(); i++) {
            if (key != null && key.equals(Kustomize.map(items.get(i)).get(mergeKey))) {
                return i;
            }
        }
        return -1;
    }
}
