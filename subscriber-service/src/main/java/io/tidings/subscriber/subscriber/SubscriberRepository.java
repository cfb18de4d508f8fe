package io.tidings.subscriber.subscriber;

import io.r2dbc.spi.Readable;
import io.tidings.platform.web.PageRequest;
import io.tidings.subscriber.common.Documents;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

@Repository
public class SubscriberRepository {

    private static final String COLUMNS = "environment_id, id, subscriber_id, email, first_name, last_name, phone, avatar, "
            + "locale, data, created_at, updated_at";

    private final DatabaseClient db;

    public SubscriberRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The subscriber after the upsert, and whether it was created by it. */
    public record Upserted(Subscriber subscriber, boolean created) {
    }

    /** Creates the subscriber or updates the given fields of the existing one; absent fields keep their value. */
    public Mono<Upserted> upsert(UUID env, UUID newId, SubscriberProfile.Valid profile, Instant now) {
        return db.sql("INSERT INTO subscribers (" + COLUMNS + ") VALUES (:env, :id, :subscriberId, :email, :firstName, :lastName, "
                        + ":phone, :avatar, :locale, :data, :now, :now) "
                        + "ON CONFLICT (environment_id, subscriber_id) DO UPDATE SET "
                        + "email = COALESCE(EXCLUDED.email, subscribers.email), "
                        + "first_name = COALESCE(EXCLUDED.first_name, subscribers.first_name), "
                        + "last_name = COALESCE(EXCLUDED.last_name, subscribers.last_name), "
                        + "phone = COALESCE(EXCLUDED.phone, subscribers.phone), "
                        + "avatar = COALESCE(EXCLUDED.avatar, subscribers.avatar), "
                        + "locale = COALESCE(EXCLUDED.locale, subscribers.locale), "
                        + "data = COALESCE(EXCLUDED.data, subscribers.data), "
                        + "updated_at = EXCLUDED.updated_at "
                        + "RETURNING " + COLUMNS + ", (xmax = 0) AS inserted")
                .bind("env", env).bind("id", newId).bind("subscriberId", profile.subscriberId())
                .bind("email", Parameter.fromOrEmpty(profile.email(), String.class))
                .bind("firstName", Parameter.fromOrEmpty(profile.firstName(), String.class))
                .bind("lastName", Parameter.fromOrEmpty(profile.lastName(), String.class))
                .bind("phone", Parameter.fromOrEmpty(profile.phone(), String.class))
                .bind("avatar", Parameter.fromOrEmpty(profile.avatar(), String.class))
                .bind("locale", Parameter.fromOrEmpty(profile.locale(), String.class))
                .bind("data", Parameter.fromOrEmpty(profile.data() == null ? null : Documents.write(profile.data()), String.class))
                .bind("now", now)
                .map(row -> new Upserted(subscriber(row), Boolean.TRUE.equals(row.get("inserted", Boolean.class))))
                .one();
    }

    /** Creates a subscriber that has only its id, unless it exists. */
    public Mono<Void> ensure(UUID env, UUID newId, String subscriberId, Instant now) {
        return db.sql("INSERT INTO subscribers (environment_id, id, subscriber_id, created_at, updated_at) "
                        + "VALUES (:env, :id, :subscriberId, :now, :now) ON CONFLICT (environment_id, subscriber_id) DO NOTHING")
                .bind("env", env).bind("id", newId).bind("subscriberId", subscriberId).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    public Mono<Subscriber> find(UUID env, String subscriberId) {
        return db.sql("SELECT " + COLUMNS + " FROM subscribers WHERE environment_id = :env AND subscriber_id = :subscriberId")
                .bind("env", env).bind("subscriberId", subscriberId).map(SubscriberRepository::subscriber).one();
    }

    public Flux<Subscriber> findAll(UUID env, String[] subscriberIds) {
        return db.sql("SELECT " + COLUMNS + " FROM subscribers WHERE environment_id = :env AND subscriber_id = ANY(:ids)")
                .bind("env", env).bind("ids", subscriberIds).map(SubscriberRepository::subscriber).all();
    }

    public Flux<Subscriber> page(UUID env, PageRequest page) {
        return db.sql("SELECT " + COLUMNS + " FROM subscribers WHERE environment_id = :env "
                        + "ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("env", env).bind("limit", page.limit()).bind("offset", page.offset())
                .map(SubscriberRepository::subscriber).all();
    }

    public Mono<Long> count(UUID env) {
        return db.sql("SELECT count(*) AS n FROM subscribers WHERE environment_id = :env")
                .bind("env", env).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Long> delete(UUID env, String subscriberId) {
        return db.sql("DELETE FROM subscribers WHERE environment_id = :env AND subscriber_id = :subscriberId")
                .bind("env", env).bind("subscriberId", subscriberId).fetch().rowsUpdated();
    }

    static Subscriber subscriber(Readable row) {
        String data = row.get("data", String.class);
        return new Subscriber(row.get("environment_id", UUID.class), row.get("id", UUID.class),
                row.get("subscriber_id", String.class), row.get("email", String.class), row.get("first_name", String.class),
                row.get("last_name", String.class), row.get("phone", String.class), row.get("avatar", String.class),
                row.get("locale", String.class), data == null ? null : Documents.readObject(data),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }
}
