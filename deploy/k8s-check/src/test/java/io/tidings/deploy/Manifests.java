package io.tidings.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rendered kustomization (base, an overlay, strimzi, ...) as typed objects, with the look-ups the
 * checks share. Build it only from objects {@link KubernetesSchema} accepts.
 */
record Manifests(String name, List<Map<String, Object>> raw, List<HasMetadata> objects) {

    /** Where each environment variable of a container comes from. */
    sealed interface Source permits Literal, FromConfigMap, FromSecret {
    }

    record Literal(String value) implements Source {
    }

    record FromConfigMap(String configMap, String key, String value) implements Source {
    }

    record FromSecret(String secret, String key, boolean optional) implements Source {
    }

    static Manifests render(Path root, String dir) {
        List<Map<String, Object>> raw = Kustomize.render(root.resolve(dir));
        return new Manifests(dir, raw, raw.stream().map(KubernetesSchema::read).toList());
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new IllegalStateException(deployment.getMetadata().getName() + " should run one container");
        }
        return containers.get(0);
    }

    /**
     * The container's environment as Kubernetes builds it: envFrom ConfigMaps in order, then env entries
     * (which win). A ConfigMap that is referenced but not rendered is an error: the pod would not start.
     */
    Map<String, Source> environment(Deployment deployment) {
        Container container = container(deployment);
        Map<String, Source> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() == null || from.getPrefix() != null) {
                throw new IllegalStateException(deployment.getMetadata().getName()
                        + ": only envFrom configMapRef without prefix is checked here; secrets go through env secretKeyRef");
            }
            String name = from.getConfigMapRef().getName();
            ConfigMap configMap = find(ConfigMap.class, name).orElseThrow(() -> new IllegalStateException(
                    deployment.getMetadata().getName() + " reads ConfigMap " + name + ", which " + this.name + " does not contain"));
            configMap.getData().forEach((k, v) -> env.put(k, new FromConfigMap(name, k, v)));
        }
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), new Literal(var.getValue()));
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                env.put(var.getName(), new FromSecret(ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional())));
            } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                String value = find(ConfigMap.class, ref.getName()).map(cm -> cm.getData().get(ref.getKey())).orElse(null);
                env.put(var.getName(), new FromConfigMap(ref.getName(), ref.getKey(), value));
            } else {
                throw new IllegalStateException(var.getName() + ": only values, secretKeyRef and configMapKeyRef are checked here");
            }
        }
        return env;
    }

    /** The value a variable has in the pod, when it is not a secret. */
    static Optional<String> value(Source source) {
        if (source instanceof Literal literal) {
            return Optional.ofNullable(literal.value());
        }
        if (source instanceof FromConfigMap fromConfigMap) {
            return Optional.ofNullable(fromConfigMap.value());
        }
        return Optional.empty();
    }
}
