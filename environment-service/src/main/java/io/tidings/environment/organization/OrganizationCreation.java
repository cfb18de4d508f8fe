package io.tidings.environment.organization;

import io.tidings.environment.apikey.ApiKeyRepository;
import io.tidings.environment.apikey.IssuedKey;
import io.tidings.environment.apikey.SecretKeys;
import io.tidings.environment.environment.Environment;
import io.tidings.environment.environment.EnvironmentEvents;
import io.tidings.environment.environment.EnvironmentNames;
import io.tidings.environment.environment.EnvironmentFactory;
import io.tidings.environment.environment.EnvironmentRepository;
import io.tidings.environment.environment.EnvironmentView;
import io.tidings.environment.widget.WidgetSecrets;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.Ids;
import io.tidings.platform.messaging.EnvironmentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates an organization with Development and Production (promoted from Development), one key and widget secret each. */
@Service
public class OrganizationCreation {

    private final DatabaseClient db;
    private final EnvironmentRepository environments;
    private final ApiKeyRepository keys;
    private final EnvironmentEvents events;
    private final WidgetSecrets widgetSecrets;
    private final TransactionalOperator tx;
    private final Clock clock;

    public OrganizationCreation(DatabaseClient db, EnvironmentRepository environments, ApiKeyRepository keys,
                                EnvironmentEvents events, WidgetSecrets widgetSecrets, TransactionalOperator tx, Clock clock) {
        this.db = db;
        this.environments = environments;
        this.keys = keys;
        this.events = events;
        this.widgetSecrets = widgetSecrets;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<CreatedOrganization> create(CreateOrganizationRequest request) {
        String name = EnvironmentNames.require("name", request.name());
        UUID organizationId = Ids.uuid();
        Instant now = clock.instant();
        Environment development = EnvironmentFactory.create(organizationId, "Development", EnvironmentKind.DEVELOPMENT, null, now);
        Environment production = EnvironmentFactory.create(organizationId, "Production", EnvironmentKind.PRODUCTION,
                development.id(), now.plusMillis(1));
        Mono<CreatedOrganization> creation = db.sql("INSERT INTO organizations (id, name, created_at) VALUES (:id, :name, :now)")
                .bind("id", organizationId)
                .bind("name", name)
                .bind("now", now)
                .fetch().rowsUpdated()
                .then(create(development, production.id()))
                .flatMap(dev -> create(production, null)
                        .map(prod -> new CreatedOrganization(organizationId, name, now, List.of(dev, prod))));
        return tx.transactional(creation);
    }

    private Mono<EnvironmentView> create(Environment environment, UUID targetId) {
        IssuedKey issued = SecretKeys.issue(environment.id(), environment.createdAt());
        return environments.insert(environment)
                .then(keys.insert(issued.key()))
                .then(widgetSecrets.create(environment.id()))
                .then(events.publish(EnvironmentEvent.Type.ENVIRONMENT_CREATED, environment))
                .thenReturn(EnvironmentView.of(environment, targetId).withSecret(issued.secret()));
    }
}
