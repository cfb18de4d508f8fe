package io.tidings.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies allow exactly the HTTP calls the code makes. Those edges are not listed here:
 * a service calls another exactly when it reads that service's {@code TIDINGS_<NAME>_SERVICE_URL}.
 */
class NetworkPolicyTest {

    static final List<String> APPLICATION = Deploy.APPLICATION;

    private static final NetworkGraph.Endpoint OUTSIDE = NetworkGraph.Endpoint.outside();
    private static final NetworkGraph.Endpoint STRANGER =
            new NetworkGraph.Endpoint("elsewhere", Map.of("app", "anything"), List.of());
    private static final NetworkGraph.Endpoint PROMETHEUS =
            new NetworkGraph.Endpoint("monitoring", Map.of("app.kubernetes.io/name", "prometheus"), List.of());
    private static final NetworkGraph.Endpoint KUBE_DNS =
            new NetworkGraph.Endpoint("kube-system", Map.of("k8s-app", "kube-dns"), List.of());

    record Cluster(Manifests manifests, NetworkGraph graph, List<ServiceConfig> services) {

        Deployment deployment(String name) {
            return manifests.find(Deployment.class, name).orElseThrow();
        }

        NetworkGraph.Endpoint pod(String name) {
            return graph.pod(deployment(name), manifests);
        }

        int port(String name) {
            return manifests.container(deployment(name)).getPorts().get(0).getContainerPort();
        }
    }

    static Cluster cluster(String dir) {
        Manifests manifests = Deploy.render(dir);
        String namespace = Optional.ofNullable(manifests.all(Deployment.class).get(0).getMetadata().getNamespace()).orElse("base");
        return new Cluster(manifests, new NetworkGraph(namespace, manifests.all(NetworkPolicy.class)), Deploy.services());
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void aServiceIsReachableOnlyFromTheServicesThatCallIt(String dir) {
        Cluster cluster = cluster(dir);
        List<String> problems = new ArrayList<>();
        for (ServiceConfig from : cluster.services()) {
            for (ServiceConfig to : cluster.services()) {
                if (from == to) {
                    continue;
                }
                NetworkGraph.Endpoint source = cluster.pod(from.name());
                NetworkGraph.Endpoint target = cluster.pod(to.name());
                int port = cluster.port(to.name());
                boolean called = from.calls().contains(to.name());
                // each side on its own, so that neither policy relies on the other to keep a service out
                boolean out = cluster.graph().egressAllows(source, target, "TCP", port);
                // a public service (the gateway, see the next test) admits everyone; then egress alone decides
                boolean isPublic = cluster.graph().ingressAllows(STRANGER, target, "TCP", port);
                boolean in = isPublic ? called : cluster.graph().ingressAllows(source, target, "TCP", port);
                if (out != called || in != called) {
                    problems.add(from.name() + " -> " + to.name() + ":" + port + (called
                            ? ": the code calls it, but " + (out ? "" : "egress ") + (in ? "" : "ingress ") + "blocks it"
                            : ": " + (out ? "egress " : "") + (in ? "ingress " : "") + "allows it, but " + from.name()
                            + " reads no URL of " + to.name()));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void onlyTheGatewayAcceptsClientsAndPrometheusMayScrapeEveryService(String dir) {
        Cluster cluster = cluster(dir);
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : cluster.services()) {
            NetworkGraph.Endpoint pod = cluster.pod(service.name());
            int port = cluster.port(service.name());
            boolean isGateway = service.name().equals("gateway");
            if (cluster.graph().allows(STRANGER, pod, "TCP", port) != isGateway) {
                problems.add(service.name() + (isGateway ? " must accept clients" : " accepts pods of other namespaces"));
            }
            if (!cluster.graph().allows(PROMETHEUS, pod, "TCP", port)) {
                problems.add(service.name() + " cannot be scraped by Prometheus");
            }
            if (cluster.graph().allows(STRANGER, pod, "TCP", port + 1000)) {
                problems.add(service.name() + " accepts connections on a port it does not serve");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void egressIsDnsKafkaTheDatabaseAndWebhooksOnly(String dir) {
        Cluster cluster = cluster(dir);
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : cluster.services()) {
            NetworkGraph graph = cluster.graph();
            NetworkGraph.Endpoint pod = cluster.pod(service.name());
            boolean ownsDatabase = service.variables().keySet().stream().anyMatch(v -> v.matches("TIDINGS_[A-Z]+_DATABASE"));
            boolean sendsWebhooks = service.variables().containsKey("TIDINGS_WEBHOOK_TIMEOUT");
            expect(problems, service.name() + " DNS", graph.allows(pod, KUBE_DNS, "UDP", 53), true);
            expect(problems, service.name() + " Kafka", graph.allows(pod, OUTSIDE, "TCP", 9092), true);
            expect(problems, service.name() + " PostgreSQL", graph.allows(pod, OUTSIDE, "TCP", 5432), ownsDatabase);
            expect(problems, service.name() + " webhooks (HTTPS to public addresses)", graph.allows(pod, OUTSIDE, "TCP", 443), sendsWebhooks);
            expect(problems, service.name() + " any pod of another namespace", graph.allows(pod, STRANGER, "TCP", 8080), false);
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("APPLICATION")
    void ipBlocksNeverReachIntoTheCluster(String dir) {
        // NetworkGraph takes an ipBlock to mean "outside the cluster"; that holds only if it excludes private ranges
        List<String> problems = new ArrayList<>();
        for (NetworkPolicy policy : Deploy.render(dir).all(NetworkPolicy.class)) {
            Stream.concat(policy.getSpec().getEgress().stream().flatMap(r -> r.getTo().stream()),
                            policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()))
                    .map(NetworkPolicyPeer::getIpBlock)
                    .filter(block -> block != null)
                    .filter(block -> !block.getExcept().containsAll(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")))
                    .forEach(block -> problems.add(policy.getMetadata().getName() + ": ipBlock " + block.getCidr() + " may reach pods"));
        }
        assertThat(problems).isEmpty();
    }

    private static void expect(List<String> problems, String what, boolean allowed, boolean wanted) {
        if (allowed != wanted) {
            problems.add(what + (wanted ? " is blocked" : " is allowed"));
        }
    }
}
