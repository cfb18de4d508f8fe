package io.tidings.environment.integration;

import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Integration writes, validated whole before anything is stored. */
@Service
public class IntegrationService {

    private final IntegrationRepository integrations;
    private final TransactionalOperator tx;
    private final Clock clock;

    public IntegrationService(IntegrationRepository integrations, TransactionalOperator tx, Clock clock) {
        this.integrations = integrations;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<Integration> find(UUID env, UUID id) {
        return integrations.find(env, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("integration " + id + " not found")));
    }

    public Mono<Integration> create(UUID env, IntegrationRequest request) {
        String channel = Providers.channel(request.channel());
        String provider = Providers.provider(request.providerId(), channel);
        Map<String, String> credentials = Providers.credentials(provider, request.credentials());
        String name = Providers.name(request.name(), provider);
        Instant now = clock.instant();
        Integration created = new Integration(Ids.uuid(), env, provider, channel, name,
                request.active() == null || request.active(), credentials, now, now);
        return integrations.insert(created).thenReturn(created);
    }

    public Mono<Integration> update(UUID env, UUID id, IntegrationRequest patch) {
        Mono<Integration> update = find(env, id).flatMap(current -> {
            String channel = Providers.channel(patch.channel() != null ? patch.channel() : current.channel());
            String provider = Providers.provider(patch.providerId() != null ? patch.providerId() : current.providerId(), channel);
            Map<String, String> credentials = patch.credentials() == null
                    ? current.credentials()
                    : CredentialMasks.keepMaskedEchoes(provider, patch.credentials(), current.credentials());
            credentials = Providers.credentials(provider, credentials);
            String name = patch.name() != null ? Providers.name(patch.name(), provider) : current.name();
            boolean active = patch.active() != null ? patch.active() : current.active();
            Integration updated = new Integration(id, env, provider, channel, name, active, credentials,
                    current.createdAt(), clock.instant());
            return integrations.update(updated).thenReturn(updated);
        });
        return tx.transactional(update);
    }

    public Mono<Void> delete(UUID env, UUID id) {
        return integrations.delete(env, id)
                .flatMap(deleted -> deleted == 0
                        ? Mono.error(ApiException.notFound("integration " + id + " not found"))
                        : Mono.<Void>empty());
    }
}
