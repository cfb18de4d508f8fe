package io.tidings.subscriber.activity;

import io.r2dbc.spi.Readable;
import io.tidings.platform.web.PageRequest;
import io.tidings.subscriber.common.Documents;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** Notifications (trigger records) and execution details. */
@Repository
public class ActivityRepository {

    private static final String NOTIFICATION_COLUMNS = "environment_id, id, transaction_id, workflow_identifier, workflow_id, "
            + "subscriber_ids, payload, created_at";
    private static final String DETAIL_COLUMNS = "environment_id, id, notification_id, subscriber_id, step_id, channel, status, "
            + "detail, provider_id, message_id, payload, created_at";

    private final DatabaseClient db;

    public ActivityRepository(DatabaseClient db) {
        this.db = db;
    }

    /** False when the environment already has a notification with this transaction id. */
    public Mono<Boolean> insertIfAbsent(Notification n) {
        return db.sql("INSERT INTO notifications (" + NOTIFICATION_COLUMNS + ") VALUES (:env, :id, :transactionId, :workflow, "
                        + ":workflowId, :subscriberIds, :payload, :createdAt) ON CONFLICT (environment_id, transaction_id) DO NOTHING")
                .bind("env", n.environmentId()).bind("id", n.id()).bind("transactionId", n.transactionId())
                .bind("workflow", n.workflowIdentifier()).bind("workflowId", n.workflowId())
                .bind("subscriberIds", n.subscriberIds().toArray(String[]::new))
                .bind("payload", Documents.write(n.payload())).bind("createdAt", n.createdAt())
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    public Mono<Notification> findByTransaction(UUID env, String transactionId) {
        return db.sql("SELECT " + NOTIFICATION_COLUMNS + " FROM notifications WHERE environment_id = :env AND transaction_id = :tx")
                .bind("env", env).bind("tx", transactionId).map(ActivityRepository::notification).one();
    }

    public Flux<Notification> notifications(UUID env, PageRequest page) {
        return db.sql("SELECT " + NOTIFICATION_COLUMNS + " FROM notifications WHERE environment_id = :env "
                        + "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("env", env).bind("limit", page.limit()).bind("offset", page.offset())
                .map(ActivityRepository::notification).all();
    }

    public Mono<Long> countNotifications(UUID env) {
        return db.sql("SELECT count(*) AS n FROM notifications WHERE environment_id = :env")
                .bind("env", env).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Void> insert(ExecutionDetail d) {
        return db.sql("INSERT INTO execution_details (" + DETAIL_COLUMNS + ") VALUES (:env, :id, :notificationId, :subscriberId, "
                        + ":stepId, :channel, :status, :detail, :providerId, :messageId, :payload, :createdAt)")
                .bind("env", d.environmentId()).bind("id", d.id()).bind("notificationId", d.notificationId())
                .bind("subscriberId", d.subscriberId()).bind("stepId", d.stepId()).bind("channel", d.channel())
                .bind("status", d.status()).bind("detail", d.detail())
                .bind("providerId", Parameter.fromOrEmpty(d.providerId(), String.class))
                .bind("messageId", Parameter.fromOrEmpty(d.messageId(), UUID.class))
                .bind("payload", Documents.write(d.payload())).bind("createdAt", d.createdAt())
                .fetch().rowsUpdated().then();
    }

    /** Oldest first; subscriberId filters when given. */
    public Flux<ExecutionDetail> details(UUID env, UUID notificationId, String subscriberId) {
        return db.sql("SELECT " + DETAIL_COLUMNS + " FROM execution_details WHERE environment_id = :env "
                        + "AND notification_id = :notificationId "
                        + "AND (CAST(:subscriberId AS TEXT) IS NULL OR subscriber_id = :subscriberId) ORDER BY created_at, id")
                .bind("env", env).bind("notificationId", notificationId)
                .bind("subscriberId", Parameter.fromOrEmpty(subscriberId, String.class))
                .map(ActivityRepository::detail).all();
    }

    private static Notification notification(Readable row) {
        String[] ids = row.get("subscriber_ids", String[].class);
        return new Notification(row.get("environment_id", UUID.class), row.get("id", UUID.class),
                row.get("transaction_id", String.class), row.get("workflow_identifier", String.class),
                row.get("workflow_id", UUID.class), ids == null ? java.util.List.of() : Arrays.asList(ids),
                Documents.read(row.get("payload", String.class)), row.get("created_at", Instant.class));
    }

    private static ExecutionDetail detail(Readable row) {
        return new ExecutionDetail(row.get("environment_id", UUID.class), row.get("id", UUID.class),
                row.get("notification_id", UUID.class), row.get("subscriber_id", String.class), row.get("step_id", String.class),
                row.get("channel", String.class), row.get("status", String.class), row.get("detail", String.class),
                row.get("provider_id", String.class), row.get("message_id", UUID.class),
                Documents.read(row.get("payload", String.class)), row.get("created_at", Instant.class));
    }
}
