package io.tidings.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered kustomizations are valid Kubernetes objects that fit together, and the pods run locked down. */
class KubernetesManifestsTest {

    static final List<String> ALL = Deploy.ALL;
    static final List<String> APPLICATION = Deploy.APPLICATION;

    @ParameterizedTest
    @FieldSource("ALL")
    void everyManifestIsValidKubernetes(String dir) {
        List<Map<String, Object>> objects = Kustomize.render(Deploy.ROOT.resolve(dir));
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> object : objects) {
            problems.addAll(KubernetesSchema.problems(object));
            String id = object.get("apiVersion") + "/" + object.get("kind") + "/" + Kustomize.name(object);
            if (!seen.add(id)) {
                problems.add(id + " is defined twice");
            }
        }
        assertThat(objects).as(dir).isNotEmpty();
        assertThat(problems).as(dir).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void everyReferenceBetweenObjectsResolves(String dir) {
        Manifests manifests = Deploy.render(dir);
        List<String> problems = new ArrayList<>();
        for (Service service : manifests.all(Service.class)) {
            List<Deployment> selected = manifests.all(Deployment.class).stream()
                    .filter(d -> podLabels(d).entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                    .toList();
            if (selected.size() != 1) {
                problems.add("Service " + name(service) + " selects " + selected.size() + " Deployments' pods, not one");
                continue;
            }
            Container container = manifests.container(selected.get(0));
            for (ServicePort port : service.getSpec().getPorts()) {
                String target = port.getTargetPort().getStrVal();
                boolean exists = container.getPorts().stream().anyMatch(p -> p.getName().equals(target));
                if (target == null || !exists) {
                    problems.add("Service " + name(service) + " targets port " + port.getTargetPort() + ", not a named port of its pods");
                }
            }
        }
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            if (!target.getKind().equals("Deployment") || manifests.find(Deployment.class, target.getName()).isEmpty()) {
                problems.add("HorizontalPodAutoscaler " + name(hpa) + " scales " + target.getKind() + " " + target.getName() + ", which is not here");
            }
        }
        for (PodDisruptionBudget pdb : manifests.all(PodDisruptionBudget.class)) {
            long selected = manifests.all(Deployment.class).stream()
                    .filter(d -> podLabels(d).entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()))
                    .count();
            if (selected != 1) {
                problems.add("PodDisruptionBudget " + name(pdb) + " covers " + selected + " Deployments, not one");
            }
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            try {
                manifests.environment(deployment);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        assertThat(problems).as(dir).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void everyServiceHasADisruptionBudgetAndTheGatewayAnAutoscaler(String dir) {
        Manifests manifests = Deploy.render(dir);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            assertThat(manifests.find(PodDisruptionBudget.class, name(deployment))).as("PodDisruptionBudget of " + name(deployment)).isPresent();
        }
        HorizontalPodAutoscaler gateway = manifests.find(HorizontalPodAutoscaler.class, "gateway").orElseThrow();
        assertThat(gateway.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(gateway.getSpec().getMaxReplicas());
        // with an autoscaler, a replica count in the Deployment would fight it on every apply
        assertThat(manifests.find(Deployment.class, "gateway").orElseThrow().getSpec().getReplicas()).isNull();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void podsRunAsNonRootWithAReadOnlyRootFilesystem(String dir) {
        Manifests manifests = Deploy.render(dir);
        long imageUser = Long.parseLong(Deploy.pomProperty(Deploy.ROOT.resolve("pom.xml"), "tidings.image.user"));
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String id = name(deployment);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            var podSecurity = pod.getSecurityContext();
            if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())
                    || podSecurity.getRunAsUser() == null || podSecurity.getRunAsUser() != imageUser) {
                problems.add(id + ": the pod must run as non-root user " + imageUser + ", the images' user");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(id + ": no service needs a Kubernetes API token");
            }
            Container container = manifests.container(deployment);
            var security = container.getSecurityContext();
            if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())
                    || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
                    || security.getCapabilities() == null || !security.getCapabilities().getDrop().contains("ALL")) {
                problems.add(id + ": the container needs readOnlyRootFilesystem, no privilege escalation and every capability dropped");
            }
            boolean tmpIsEmptyDir = container.getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals("/tmp"))
                    .anyMatch(m -> pod.getVolumes().stream()
                            .filter(v -> v.getName().equals(m.getName()))
                            .map(Volume::getEmptyDir)
                            .anyMatch(e -> e != null));
            if (!tmpIsEmptyDir) {
                problems.add(id + ": /tmp must be a writable emptyDir (the root filesystem is read-only)");
            }
            problems.addAll(resourceProblems(id, container));
        }
        assertThat(problems).as(dir).isEmpty();
    }

    @Test
    void onlyTheDevOverlayShipsSecretsAndItShipsEveryOneReferenced() {
        assertThat(Deploy.render(Deploy.BASE).all(Secret.class)).as("base").isEmpty();
        assertThat(Deploy.render(Deploy.PROD).all(Secret.class)).as("prod: create Secrets outside git").isEmpty();
        Manifests dev = Deploy.render(Deploy.DEV);
        List<String> missing = new ArrayList<>();
        for (Deployment deployment : dev.all(Deployment.class)) {
            dev.environment(deployment).forEach((variable, source) -> {
                if (source instanceof Manifests.FromSecret ref && !ref.optional()) {
                    boolean provided = dev.find(Secret.class, ref.secret())
                            .map(s -> s.getStringData().containsKey(ref.key()) || (s.getData() != null && s.getData().containsKey(ref.key())))
                            .orElse(false);
                    if (!provided) {
                        missing.add(name(deployment) + " " + variable + " <- " + ref.secret() + "/" + ref.key());
                    }
                }
            });
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everySecretKeyIsDocumentedInTheReadme() {
        String readme = ServiceConfig.read(Deploy.ROOT.resolve("README.md"));
        Manifests base = Deploy.render(Deploy.BASE);
        Set<String> undocumented = new TreeSet<>();
        for (Deployment deployment : base.all(Deployment.class)) {
            base.environment(deployment).values().forEach(source -> {
                if (source instanceof Manifests.FromSecret ref
                        && !(readme.contains(ref.secret()) && readme.contains("--from-literal=" + ref.key() + "="))) {
                    undocumented.add(ref.secret() + "/" + ref.key());
                }
            });
        }
        assertThat(undocumented).as("README, Deploy to Kubernetes: kubectl create secret ... --from-literal=<key>=").isEmpty();
    }

    @Test
    void prodLeavesTopicsToTheOperator() {
        Manifests prod = Deploy.render(Deploy.PROD);
        Deployment anyService = prod.all(Deployment.class).get(0);
        assertThat(Manifests.value(prod.environment(anyService).get("TIDINGS_KAFKA_CREATE_TOPICS"))).contains("false");
    }

    private static List<String> resourceProblems(String id, Container container) {
        List<String> problems = new ArrayList<>();
        var resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources == null ? null : resources.getRequests().get(resource);
            Quantity limit = resources == null ? null : resources.getLimits().get(resource);
            if (request == null || limit == null) {
                problems.add(id + ": needs a " + resource + " request and limit");
            } else if (Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) > 0) {
                problems.add(id + ": " + resource + " request " + request + " is above its limit " + limit);
            }
        }
        return problems;
    }

    static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }
}
