package io.tidings.environment.environment;

import io.tidings.environment.apikey.ApiKeyRepository;
import io.tidings.environment.apikey.IssuedKey;
import io.tidings.environment.apikey.SecretKeys;
import io.tidings.environment.widget.WidgetSecrets;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.messaging.EnvironmentEvent;
import io.tidings.platform.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Inserts a custom environment into the chain right after its parent (its source): in
 * Development -> Production, a Staging with parent Development makes
 * Development -> Staging -> Production. The chain stays one path: no forks, no cycles.
 */
@Service
public class EnvironmentInsertion {

    private final EnvironmentRepository environments;
    private final ApiKeyRepository keys;
    private final EnvironmentEvents events;
    private final WidgetSecrets widgetSecrets;
    private final TransactionalOperator tx;
    private final Clock clock;

    public EnvironmentInsertion(EnvironmentRepository environments, ApiKeyRepository keys, EnvironmentEvents events,
                                WidgetSecrets widgetSecrets, TransactionalOperator tx, Clock clock) {
        this.environments = environments;
        this.keys = keys;
        this.events = events;
        this.widgetSecrets = widgetSecrets;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<EnvironmentView> insert(UUID organizationId, CreateEnvironmentRequest request) {
        String name = EnvironmentNames.require("name", request.name());
        UUID parentId = parseId(request.parentId());
        Instant now = clock.instant();
        Mono<EnvironmentView> insertion = environments.lockOrganization(organizationId)
                .then(environments.findByOrganization(organizationId).collectList())
                .flatMap(existing -> {
                    Environment parent = existing.stream().filter(e -> e.id().equals(parentId)).findFirst()
                            .orElseThrow(() -> ApiException.notFound("parent environment " + parentId + " not found in this organization"));
                    if (existing.stream().anyMatch(e -> e.name().equalsIgnoreCase(name))) {
                        throw ApiException.conflict("an environment named '" + name + "' already exists in this organization");
                    }
                    if (parent.kind() == EnvironmentKind.PRODUCTION) {
                        throw ApiException.conflict("Production is the end of the chain: insert the environment before it, "
                                + "with the parent Production is promoted from");
                    }
                    EnvironmentChain before = new EnvironmentChain(existing);
                    Environment created = EnvironmentFactory.create(organizationId, name, EnvironmentKind.CUSTOM, parentId, now);
                    Environment formerTarget = before.targetOf(parentId).orElse(null);
                    List<Environment> after = new ArrayList<>();
                    existing.forEach(e -> after.add(formerTarget != null && e.id().equals(formerTarget.id()) ? e.withSource(created.id()) : e));
                    after.add(created);
                    new EnvironmentChain(after).problem().ifPresent(problem -> {
                        throw ApiException.conflict("cannot insert '" + name + "': " + problem);
                    });
                    return relink(created, parent, formerTarget)
                            .then(Mono.defer(() -> issueKey(created, formerTarget == null ? null : formerTarget.id())));
                });
        return tx.transactional(insertion);
    }

    /** The former target steps aside, the new environment takes its place, then the target follows it. */
    private Mono<Void> relink(Environment created, Environment parent, Environment formerTarget) {
        if (formerTarget == null) {
            return environments.insert(created)
                    .then(events.publish(EnvironmentEvent.Type.ENVIRONMENT_CREATED, created))
                    .then(events.publish(EnvironmentEvent.Type.ENVIRONMENT_RELINKED, parent));
        }
        return environments.updateSource(formerTarget.id(), null)
                .then(environments.insert(created))
                .then(environments.updateSource(formerTarget.id(), created.id()))
                .then(events.publish(EnvironmentEvent.Type.ENVIRONMENT_CREATED, created))
                .then(events.publish(EnvironmentEvent.Type.ENVIRONMENT_RELINKED, formerTarget.withSource(created.id())))
                .then(events.publish(EnvironmentEvent.Type.ENVIRONMENT_RELINKED, parent));
    }

    private Mono<EnvironmentView> issueKey(Environment created, UUID targetId) {
        IssuedKey issued = SecretKeys.issue(created.id(), created.createdAt());
        return keys.insert(issued.key()).then(widgetSecrets.create(created.id())).thenReturn(EnvironmentView.of(created, targetId).withSecret(issued.secret()));
    }

    private static UUID parseId(String parentId) {
        if (parentId == null || parentId.isBlank()) {
            throw ApiException.badRequest("parentId is required: the environment the new one is promoted from");
        }
        try {
            return UUID.fromString(parentId.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parentId is not a valid environment id: " + parentId);
        }
    }
}
