package io.tidings.environment.environment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An organization's environments as one promotion chain: Development -> ... -> Production.
 * Checked after every change to it, so a fork, a cycle or an orphan never commits.
 */
public final class EnvironmentChain {

    private final List<Environment> environments;

    public EnvironmentChain(List<Environment> environments) {
        this.environments = List.copyOf(environments);
    }

    /** The environment promoted to from {@code sourceId}, if any. */
    public Optional<Environment> targetOf(UUID sourceId) {
        return environments.stream().filter(e -> sourceId.equals(e.sourceEnvironmentId())).findFirst();
    }

    /** Root first, then each target in turn; as stored when the chain is broken. */
    public List<Environment> inOrder() {
        if (problem().isPresent()) {
            return environments;
        }
        List<Environment> ordered = new java.util.ArrayList<>();
        Optional<Environment> at = environments.stream().filter(e -> e.sourceEnvironmentId() == null).findFirst();
        while (at.isPresent()) {
            ordered.add(at.get());
            at = targetOf(at.get().id());
        }
        return ordered;
    }

    /** The reason the chain is broken, or empty when it is one simple path from a single root. */
    public Optional<String> problem() {
        if (environments.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, Environment> byId = new HashMap<>();
        environments.forEach(e -> byId.put(e.id(), e));
        Map<UUID, UUID> targetBySource = new HashMap<>();
        Environment root = null;
        for (Environment e : environments) {
            if (e.sourceEnvironmentId() == null) {
                if (root != null) {
                    return Optional.of("the chain has two roots: " + root.name() + " and " + e.name());
                }
                root = e;
            } else {
                if (!byId.containsKey(e.sourceEnvironmentId())) {
                    return Optional.of(e.name() + " is promoted from an environment of another organization");
                }
                if (targetBySource.put(e.sourceEnvironmentId(), e.id()) != null) {
                    return Optional.of(byId.get(e.sourceEnvironmentId()).name() + " would promote to two environments");
                }
            }
        }
        if (root == null) {
            return Optional.of("the chain is a cycle: no environment is its root");
        }
        Set<UUID> seen = new HashSet<>();
        for (UUID at = root.id(); at != null; at = targetBySource.get(at)) {
            if (!seen.add(at)) {
                return Optional.of("the chain has a cycle through " + byId.get(at).name());
            }
        }
        if (seen.size() != environments.size()) {
            return Optional.of("the chain has a cycle that does not reach " + root.name());
        }
        return Optional.empty();
    }
}
