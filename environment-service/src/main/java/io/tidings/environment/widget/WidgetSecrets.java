package io.tidings.environment.widget;

import io.tidings.environment.crypto.SecretBox;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.HexFormat;
import java.util.UUID;

/**
 * Each environment's widget secret (32 random bytes as 64 hex characters, sealed at rest) and HMAC
 * setting. New environments get their secret when created; rows made before it existed get one on
 * first use. HMAC is required everywhere but Development, where it is off unless switched on.
 */
@Component
public class WidgetSecrets {

    private final DatabaseClient db;
    private final SecretBox box;

    public WidgetSecrets(DatabaseClient db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    /** Gives the environment a secret unless it has one; call in the transaction that creates it. */
    public Mono<Void> create(UUID environmentId) {
        String sealed = box.seal(HexFormat.of().formatHex(Ids.randomBytes(32)), context(environmentId));
        return db.sql("UPDATE environments SET widget_secret = :secret WHERE id = :id AND widget_secret IS NULL")
                .bind("secret", sealed).bind("id", environmentId)
                .fetch().rowsUpdated().then();
    }

    /** The environment's settings, creating its secret first if it has none; 404 for an unknown environment. */
    public Mono<WidgetSettings> settings(UUID environmentId) {
        return row(environmentId).flatMap(row -> row.sealedSecret() != null
                ? Mono.just(row)
                : create(environmentId).then(row(environmentId)))
                .map(row -> new WidgetSettings(box.open(row.sealedSecret(), context(environmentId)), row.hmacRequired()));
    }

    /** Switches the HMAC requirement; only Development may turn it off. */
    public Mono<WidgetSettings> requireHmac(UUID environmentId, boolean required) {
        return row(environmentId).flatMap(row -> {
            if (row.kind() != EnvironmentKind.DEVELOPMENT) {
                return required
                        ? Mono.just(row)
                        : Mono.error(ApiException.forbidden("HMAC verification is always required in a " + row.kind()
                        + " environment; only a DEVELOPMENT environment can switch it off"));
            }
            return db.sql("UPDATE environments SET hmac_required = :required WHERE id = :id")
                    .bind("required", required).bind("id", environmentId).fetch().rowsUpdated().thenReturn(row);
        }).then(settings(environmentId));
    }

    private Mono<Row> row(UUID environmentId) {
        return db.sql("SELECT kind, widget_secret, hmac_required FROM environments WHERE id = :id")
                .bind("id", environmentId)
                .map(r -> {
                    EnvironmentKind kind = EnvironmentKind.valueOf(r.get("kind", String.class));
                    boolean required = kind != EnvironmentKind.DEVELOPMENT || Boolean.TRUE.equals(r.get("hmac_required", Boolean.class));
                    return new Row(kind, r.get("widget_secret", String.class), required);
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("environment " + environmentId + " not found")));
    }

    private static String context(UUID environmentId) {
        return "widget-secret:" + environmentId;
    }

    private record Row(EnvironmentKind kind, String sealedSecret, boolean hmacRequired) {
    }
}
