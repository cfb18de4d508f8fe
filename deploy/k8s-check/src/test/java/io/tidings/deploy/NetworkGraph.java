package io.tidings.deploy;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.List;
import java.util.Map;

/**
 * Answers "may this connection happen?" the way Kubernetes evaluates NetworkPolicies: a pod selected by
 * a policy of a direction is isolated in that direction, and then a connection needs a rule that admits
 * it; both the sender's egress and the receiver's ingress must allow it.
 * <p>
 * Addresses: a pod is matched by pod and namespace selectors; an {@code ipBlock} is taken to match only
 * addresses outside the cluster (the policies here exclude the private ranges pods live in, and
 * {@code NetworkPolicyTest} checks that).
 */
final class NetworkGraph {

    /** A pod somewhere, or an address outside the cluster ({@code namespace == null}). */
    record Endpoint(String namespace, Map<String, String> labels, List<ContainerPort> ports) {

        static Endpoint outside() {
            return new Endpoint(null, Map.of(), List.of());
        }

        boolean isPod() {
            return namespace != null;
        }
    }

    private final String namespace;
    private final List<NetworkPolicy> policies;

    NetworkGraph(String namespace, List<NetworkPolicy> policies) {
        this.namespace = namespace;
        this.policies = policies;
    }

    Endpoint pod(Deployment deployment, Manifests manifests) {
        return new Endpoint(namespace, deployment.getSpec().getTemplate().getMetadata().getLabels(),
                manifests.container(deployment).getPorts());
    }

    /** TCP or UDP from {@code from} to {@code to} on {@code port}. */
    boolean allows(Endpoint from, Endpoint to, String protocol, int port) {
        return egressAllows(from, to, protocol, port) && ingressAllows(from, to, protocol, port);
    }

    /** The sender's side alone: would its egress policies let the connection out? */
    boolean egressAllows(Endpoint from, Endpoint to, String protocol, int port) {
        if (!from.isPod() || !namespace.equals(from.namespace())) {
            return true; // not ours: policies here do not restrict it
        }
        List<NetworkPolicy> isolating = selecting(from, "Egress");
        return isolating.isEmpty() || isolating.stream()
                .flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> peersMatch(rule.getTo(), to) && portsMatch(rule.getPorts(), to, protocol, port));
    }

    /** The receiver's side alone: would its ingress policies let the connection in? */
    boolean ingressAllows(Endpoint from, Endpoint to, String protocol, int port) {
        if (!to.isPod() || !namespace.equals(to.namespace())) {
            return true;
        }
        List<NetworkPolicy> isolating = selecting(to, "Ingress");
        return isolating.isEmpty() || isolating.stream()
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> peersMatch(rule.getFrom(), from) && portsMatch(rule.getPorts(), to, protocol, port));
    }

    private List<NetworkPolicy> selecting(Endpoint pod, String direction) {
        return policies.stream()
                .filter(p -> matches(p.getSpec().getPodSelector(), pod.labels()))
                .filter(p -> types(p).contains(direction))
                .toList();
    }

    /** policyTypes, or what Kubernetes assumes when it is absent. */
    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress().isEmpty() ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    private boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint other) {
        if (peers == null || peers.isEmpty()) {
            return true; // no "from"/"to": every source or destination
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, other));
    }

    private boolean peerMatches(NetworkPolicyPeer peer, Endpoint other) {
        if (peer.getIpBlock() != null) {
            return !other.isPod();
        }
        if (!other.isPod()) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? namespace.equals(other.namespace())
                : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", other.namespace()));
        boolean podMatches = peer.getPodSelector() == null || matches(peer.getPodSelector(), other.labels());
        return namespaceMatches && podMatches;
    }

    /** Named ports are the destination pod's container port names. */
    private static boolean portsMatch(List<NetworkPolicyPort> ports, Endpoint to, String protocol, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            String ruleProtocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!ruleProtocol.equals(protocol)) {
                return false;
            }
            IntOrString rulePort = p.getPort();
            if (rulePort == null) {
                return true;
            }
            if (rulePort.getIntVal() != null) {
                int end = p.getEndPort() == null ? rulePort.getIntVal() : p.getEndPort();
                return port >= rulePort.getIntVal() && port <= end;
            }
            return to.ports().stream().anyMatch(c -> rulePort.getStrVal().equals(c.getName()) && c.getContainerPort() == port);
        });
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown selector operator " + requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
