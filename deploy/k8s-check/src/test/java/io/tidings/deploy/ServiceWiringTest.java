package io.tidings.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests agree with the services' own configuration: images, ports, probes, and every
 * {@code TIDINGS_*} variable, read from each service's application.yaml and the files it imports.
 */
class ServiceWiringTest {

    static final List<String> APPLICATION = Deploy.APPLICATION;

    /** Settings whose value is a credential: they come from a Secret, never from a ConfigMap or a literal. */
    private static final Pattern SECRET_NAME = Pattern.compile("TIDINGS_.*(_KEY|_TOKEN|_PASSWORD|_USER)");

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void everyServiceIsDeployedAndNothingElse(String dir) {
        List<String> deployed = Deploy.render(dir).all(Deployment.class).stream().map(d -> d.getMetadata().getName()).toList();
        List<String> services = Deploy.services().stream().map(ServiceConfig::name).toList();
        assertThat(services).as("services in the root pom").hasSize(5);
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(services);
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void everyImageIsAServiceThatExists(String dir) {
        Manifests manifests = Deploy.render(dir);
        List<String> services = Deploy.services().stream().map(ServiceConfig::name).toList();
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String image = manifests.container(deployment).getImage();
            String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
            String service = repository.substring(repository.lastIndexOf('/') + 1);
            if (!services.contains(service) || !service.equals(deployment.getMetadata().getName())) {
                problems.add(deployment.getMetadata().getName() + " runs " + image + ", which is not its own service's image");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void baseImagesAreTheOnesTheImagesProfileBuilds() {
        // <tidings.image.registry>/<artifactId>:<version>, the jib-maven-plugin <to> image of the root pom
        String registry = Deploy.pomProperty(Deploy.ROOT.resolve("pom.xml"), "tidings.image.registry");
        Manifests base = Deploy.render(Deploy.BASE);
        for (Deployment deployment : base.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            assertThat(base.container(deployment).getImage()).isEqualTo(registry + "/" + name + ":" + Deploy.projectVersion());
        }
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void containerPortsAndProbesMatchTheServices(String dir) {
        Manifests manifests = Deploy.render(dir);
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : Deploy.services()) {
            Deployment deployment = manifests.find(Deployment.class, service.name()).orElseThrow();
            Container container = manifests.container(deployment);
            Map.Entry<String, Integer> portSetting = service.port();
            int port = Optional.ofNullable(manifests.environment(deployment).get(portSetting.getKey()))
                    .flatMap(Manifests::value).map(Integer::parseInt).orElse(portSetting.getValue());
            Optional<ContainerPort> http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst();
            if (http.isEmpty() || http.get().getContainerPort() != port) {
                problems.add(service.name() + " listens on " + port + " (server.port), the container port http says "
                        + http.map(ContainerPort::getContainerPort).orElse(null));
            }
            String imagePort = Deploy.pomProperty(service.module().resolve("pom.xml"), "tidings.image.port");
            if (!String.valueOf(port).equals(imagePort)) {
                problems.add(service.name() + ": the image exposes " + imagePort + " (tidings.image.port), the service listens on " + port);
            }
            problems.addAll(probeProblems(service, container));
            Service k8sService = manifests.find(Service.class, service.name()).orElse(null);
            if (k8sService == null || k8sService.getSpec().getPorts().stream().noneMatch(p -> "http".equals(p.getTargetPort().getStrVal()))) {
                problems.add(service.name() + ": its Service must forward to the container port named http");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void everyVariableAServiceNeedsIsSet(String dir) {
        Manifests manifests = Deploy.render(dir);
        List<String> missing = new ArrayList<>();
        for (ServiceConfig service : Deploy.services()) {
            Map<String, Manifests.Source> env = manifests.environment(manifests.find(Deployment.class, service.name()).orElseThrow());
            service.requiredVariables().stream()
                    .filter(variable -> !env.containsKey(variable))
                    .forEach(variable -> missing.add(service.name() + " reads " + variable + " without a default"));
        }
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void everyVariableTheManifestsSetIsOneTheServiceReads(String dir) {
        Manifests manifests = Deploy.render(dir);
        List<String> unknown = new ArrayList<>();
        for (ServiceConfig service : Deploy.services()) {
            Map<String, Manifests.Source> env = manifests.environment(manifests.find(Deployment.class, service.name()).orElseThrow());
            env.forEach((variable, source) -> {
                if (!service.variables().containsKey(variable)) {
                    unknown.add(service.name() + " is given " + variable + " (" + source + "), which it never reads");
                }
            });
        }
        assertThat(unknown).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void credentialsComeFromSecrets(String dir) {
        Manifests manifests = Deploy.render(dir);
        List<String> exposed = new ArrayList<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            manifests.environment(deployment).forEach((variable, source) -> {
                if (SECRET_NAME.matcher(variable).matches() && !(source instanceof Manifests.FromSecret)) {
                    exposed.add(deployment.getMetadata().getName() + " " + variable + " <- " + source);
                }
            });
        }
        // nor may one sit in a ConfigMap at all, even where an env entry shadows it
        manifests.all(ConfigMap.class).forEach(configMap -> configMap.getData().keySet().stream()
                .filter(key -> SECRET_NAME.matcher(key).matches())
                .forEach(key -> exposed.add("ConfigMap " + configMap.getMetadata().getName() + " holds " + key)));
        assertThat(exposed).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void serviceUrlsPointAtTheServicesTheyName(String dir) {
        Manifests manifests = Deploy.render(dir);
        List<String> problems = new ArrayList<>();
        for (ServiceConfig caller : Deploy.services()) {
            Map<String, Manifests.Source> env = manifests.environment(manifests.find(Deployment.class, caller.name()).orElseThrow());
            for (String callee : caller.calls()) {
                String variable = "TIDINGS_" + callee.replace("-service", "").toUpperCase() + "_SERVICE_URL";
                Service service = manifests.find(Service.class, callee).orElse(null);
                String expected = service == null ? "(no Service " + callee + ")"
                        : "http://" + callee + ":" + service.getSpec().getPorts().get(0).getPort();
                String actual = Optional.ofNullable(env.get(variable)).flatMap(Manifests::value).orElse(null);
                if (!expected.equals(actual)) {
                    problems.add(caller.name() + " " + variable + " is " + actual + ", expected " + expected);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> probeProblems(ServiceConfig service, Container container) {
        List<String> problems = new ArrayList<>();
        // the probe groups exist only with health probes on and the health endpoint exposed, on the server port
        if (!Boolean.TRUE.equals(service.setting("management.endpoint.health.probes.enabled").orElse(false))
                || !String.valueOf(service.setting("management.endpoints.web.exposure.include").orElse("")).contains("health")
                || service.setting("management.server.port").isPresent()) {
            problems.add(service.name() + ": actuator health probes are not enabled and exposed on the server port");
        }
        problems.addAll(probe(service, "liveness", container.getLivenessProbe(), "/actuator/health/liveness"));
        problems.addAll(probe(service, "readiness", container.getReadinessProbe(), "/actuator/health/readiness"));
        if (container.getStartupProbe() != null) {
            problems.addAll(probe(service, "startup", container.getStartupProbe(), "/actuator/health/liveness"));
        }
        return problems;
    }

    private static List<String> probe(ServiceConfig service, String kind, Probe probe, String path) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null || !path.equals(get.getPath()) || !"http".equals(get.getPort().getStrVal())) {
            return List.of(service.name() + ": the " + kind + " probe must GET " + path + " on port http");
        }
        return List.of();
    }
}
