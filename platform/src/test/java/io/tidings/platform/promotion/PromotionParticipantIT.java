package io.tidings.platform.promotion;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.messaging.ApplyChanges;
import io.tidings.platform.messaging.PreviousState;
import io.tidings.platform.messaging.PromotionItem;
import io.tidings.platform.messaging.RevertChanges;
import io.tidings.platform.outbox.Outbox;
import io.tidings.platform.test.TestInfrastructure;
import io.tidings.platform.test.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The participant engine on a real PostgreSQL, with a store of its own (a table of documents):
 * concurrent duplicates apply once, a refused item leaves nothing, unreadable commands are skipped.
 */
class PromotionParticipantIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static DatabaseClient db;
    static TransactionalOperator tx;
    static final AtomicInteger applies = new AtomicInteger();
    static PromotionParticipant participant;

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres pg = TestInfrastructure.postgres();
        pg.createDatabase("promotion_participant_it");
        try (var connection = DriverManager.getConnection(pg.jdbcUrl("promotion_participant_it"), pg.username(), pg.password())) {
            connection.createStatement().execute("DROP TABLE IF EXISTS outbox, processed_messages, promotion_steps, docs");
            connection.createStatement().execute(Files.readString(
                    Path.of("src/main/resources/db/platform/V0_1__outbox_and_processed_messages.sql")));
            connection.createStatement().execute(Files.readString(Path.of("src/main/resources/db/platform/V0_3__promotion_steps.sql")));
            connection.createStatement().execute("CREATE TABLE docs (env UUID, key UUID, version BIGINT, content TEXT, "
                    + "PRIMARY KEY (env, key))");
        }
        ConnectionFactory factory = ConnectionFactories.get("r2dbc:postgresql://" + pg.username() + ":" + pg.password()
                + "@" + pg.host() + ":" + pg.port() + "/promotion_participant_it");
        db = DatabaseClient.create(factory);
        tx = TransactionalOperator.create(new R2dbcTransactionManager(factory));
        participant = new PromotionParticipant("test", new Docs(), db, tx, new Outbox(db, JSON), JSON);
    }

    /** Documents of type "doc"; an item of type "bad" is refused after the items before it were written. */
    static class Docs implements ContentStore {

        @Override
        public Mono<PreviousState> current(UUID environmentId, String type, UUID key) {
            return db.sql("SELECT version, content FROM docs WHERE env = :env AND key = :key").bind("env", environmentId).bind("key", key)
                    .map(row -> new PreviousState(type, key, row.get("version", Long.class), false,
                            JSON.readTree(row.get("content", String.class))))
                    .one()
                    .defaultIfEmpty(PreviousState.absent(type, key));
        }

        @Override
        public Mono<Void> apply(RevisionLog.Author target, List<PromotionItem> items) {
            applies.incrementAndGet();
            return Flux.fromIterable(items).concatMap(item -> switch (item.type()) {
                case "doc" -> item.deleted()
                        ? db.sql("DELETE FROM docs WHERE env = :env AND key = :key").bind("env", target.environmentId())
                        .bind("key", item.key()).fetch().rowsUpdated()
                        : db.sql("INSERT INTO docs (env, key, version, content) VALUES (:env, :key, 1, :content) ON CONFLICT (env, key) "
                                + "DO UPDATE SET version = docs.version + 1, content = excluded.content")
                        .bind("env", target.environmentId()).bind("key", item.key())
                        .bind("content", JSON.writeValueAsString(item.content())).fetch().rowsUpdated();
                default -> Mono.error(new IllegalArgumentException("no such type: " + item.type()));
            }).then();
        }
    }

    static PromotionItem doc(UUID key, String text) {
        return new PromotionItem("doc", key, 1, JSON.createObjectNode().put("text", text), false);
    }

    long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> row.get("n", Long.class)).one().block();
    }

    long replies(UUID promotionId, String type) {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE message_key = :id AND message_type = :type")
                .bind("id", promotionId.toString()).bind("type", type).map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void concurrentDuplicatesApplyOnceAndAreEachAnswered() {
        UUID env = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        ApplyChanges command = new ApplyChanges(UUID.randomUUID(), 1, UUID.randomUUID(), env, List.of(doc(key, "v1")));
        String payload = JSON.writeValueAsString(command);
        int before = applies.get();

        Flux.range(0, 4).flatMap(i -> participant.handle("ApplyChanges", payload)).then().block();

        assertThat(applies.get() - before).isEqualTo(1);
        assertThat(count("SELECT version AS n FROM docs WHERE env = :id", env)).isEqualTo(1);
        assertThat(replies(command.promotionId(), "ChangesApplied")).isEqualTo(4);

        participant.handle("RevertChanges", JSON.writeValueAsString(
                new RevertChanges(command.promotionId(), 1, command.organizationId(), env))).block();
        assertThat(count("SELECT count(*) AS n FROM docs WHERE env = :id", env)).isZero();
        assertThat(replies(command.promotionId(), "ChangesReverted")).isEqualTo(1);
    }

    @Test
    void aRefusedItemLeavesNothingAndIsRecordedAsFailed() {
        UUID env = UUID.randomUUID();
        ApplyChanges command = new ApplyChanges(UUID.randomUUID(), 2, UUID.randomUUID(), env,
                List.of(doc(UUID.randomUUID(), "kept?"), new PromotionItem("bad", UUID.randomUUID(), 1, null, false)));

        participant.apply(command).block();

        assertThat(count("SELECT count(*) AS n FROM docs WHERE env = :id", env)).isZero();
        assertThat(replies(command.promotionId(), "ApplyFailed")).isEqualTo(1);
        assertThat(db.sql("SELECT status FROM promotion_steps WHERE promotion_id = :id").bind("id", command.promotionId())
                .map(row -> row.get("status", String.class)).one().block()).isEqualTo("FAILED");
    }

    @Test
    void skipsWhatItCannotRead() {
        assertThat(participant.handle("ApplyChanges", "{not json").block()).isNull();
        assertThat(participant.handle("SomethingElse", "{}").block()).isNull();
        assertThat(participant.handle(null, "{}").block()).isNull();
        assertThat(participant.handle("ApplyChanges", "{\"step\":1}").block()).isNull();
    }
}
