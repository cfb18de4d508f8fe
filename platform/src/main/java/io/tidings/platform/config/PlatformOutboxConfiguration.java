package io.tidings.platform.config;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.outbox.IdempotentConsumer;
import io.tidings.platform.outbox.Outbox;
import io.tidings.platform.outbox.OutboxRelay;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** Transactional outbox and idempotent consumer, for every service that owns a database. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnClass(DatabaseClient.class)
@ConditionalOnBean(DatabaseClient.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformOutboxConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    @Bean
    Outbox outbox(DatabaseClient db, JsonMapper json) {
        return new Outbox(db, json);
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, String> kafka,
                            PlatformProperties properties) {
        return new OutboxRelay(db, tx, kafka, properties.outbox().pollInterval(), properties.outbox().batchSize());
    }

    @Bean
    RevisionLog revisionLog(DatabaseClient db, Outbox outbox, JsonMapper json, Clock clock) {
        return new RevisionLog(db, outbox, json, clock);
    }

    @Bean
    IdempotentConsumer idempotentConsumer(DatabaseClient db, TransactionalOperator tx) {
        return new IdempotentConsumer(db, tx);
    }
}
