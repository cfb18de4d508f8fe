package io.tidings.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads rendered objects into the Kubernetes API model classes (fabric8; Strimzi's and the Prometheus
 * Operator's for their resources) as strictly as the API server would: an unknown field, a number where
 * a string belongs (ConfigMap data, env values) or a malformed quantity is a problem, not a silent default.
 * <p>
 * The model classes keep unknown fields in {@code additionalProperties} instead of failing, so every
 * deserialised object is walked and any non-empty {@code additionalProperties} is reported with its path.
 */
final class KubernetesSchema {

    /** Every kind the manifests may contain; anything else has no schema here and is a problem. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class));

    /** RFC 1123 subdomain: what most object names must be. */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** RFC 1035 label: Service names become DNS names. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private static final ObjectMapper STRICT = strictMapper();

    private KubernetesSchema() {
    }

    /** The typed object, or an exception whose message says what is wrong. */
    static HasMetadata read(Map<String, Object> object) {
        String type = object.get("apiVersion") + "/" + object.get("kind");
        Class<? extends HasMetadata> kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("no schema for " + type + " (unknown apiVersion or kind)");
        }
        HasMetadata typed = STRICT.convertValue(object, kind);
        return typed;
    }

    /** Problems of one object: schema violations first, then the API server's basic rules. */
    static List<String> problems(Map<String, Object> object) {
        String id = object.get("kind") + "/" + Kustomize.name(object);
        List<String> problems = new ArrayList<>();
        HasMetadata typed;
        try {
            typed = read(object);
        } catch (RuntimeException e) {
            problems.add(id + ": " + e.getMessage());
            return problems;
        }
        unknownFields(typed, object.get("kind").toString(), problems);
        String name = typed.getMetadata() == null ? null : typed.getMetadata().getName();
        if (name == null || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            problems.add(id + ": metadata.name must be a DNS subdomain");
        }
        if (typed instanceof Service && (name == null || name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
            problems.add(id + ": a Service name must be a DNS label");
        }
        if (typed instanceof Deployment deployment) {
            deploymentRules(id, deployment, problems);
        }
        quantities(id, object, "", problems);
        return problems.stream().map(p -> p.startsWith(id) ? p : id + ": " + p).toList();
    }

    private static void deploymentRules(String id, Deployment deployment, List<String> problems) {
        var spec = deployment.getSpec();
        if (spec == null || spec.getSelector() == null || spec.getTemplate() == null) {
            problems.add(id + ": spec.selector and spec.template are required");
            return;
        }
        Map<String, String> selector = spec.getSelector().getMatchLabels();
        Map<String, String> labels = spec.getTemplate().getMetadata().getLabels();
        if (selector == null || selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
            problems.add(id + ": spec.selector does not match the pod template's labels");
        }
        spec.getTemplate().getSpec().getContainers().forEach(c -> {
            if (c.getName() == null || c.getImage() == null) {
                problems.add(id + ": every container needs a name and an image");
            }
        });
    }

    /** resources.requests and limits must be quantities the API server can parse. */
    private static void quantities(String id, Object node, String path, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String child = path + "." + k;
                if ((path.endsWith(".requests") || path.endsWith(".limits")) && path.contains("resources")) {
                    try {
                        Quantity.getAmountInBytes(new Quantity(String.valueOf(v)));
                    } catch (RuntimeException e) {
                        problems.add(id + ": " + child.substring(1) + " is not a quantity: " + v);
                    }
                }
                quantities(id, v, child, problems);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                quantities(id, list.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    /** Walks the model objects; a field the class does not know ends up in additionalProperties. */
    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object child = readField(field, value);
                if (field.getName().equals("additionalProperties") && child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> problems.add("unknown field " + path + "." + key));
                } else {
                    unknownFields(child, path + "." + field.getName(), problems);
                }
            }
        }
    }

    private static Object readField(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // The API server refuses `TIDINGS_KAFKA_PARTITIONS: 3` in a ConfigMap: data values are strings.
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }
}
