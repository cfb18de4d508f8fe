package io.tidings.platform.test;

import io.tidings.platform.messaging.ApplyChanges;
import io.tidings.platform.messaging.RevertChanges;
import io.tidings.platform.messaging.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the promotion orchestrator in a participant's test: sends saga commands to a service's
 * command topic as the outbox would (JSON, message id and type headers) and waits for replies.
 */
public final class SagaDriver implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String service;
    private final JsonMapper json = JsonMapper.builder().build();
    private final KafkaProducer<String, String> producer;
    private final KafkaProbe replies = new KafkaProbe(Topics.PROMOTION_REPLIES);

    public SagaDriver(String service) {
        this.service = service;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    public void send(ApplyChanges command) {
        send(command.promotionId(), command);
    }

    public void send(RevertChanges command) {
        send(command.promotionId(), command);
    }

    private void send(UUID promotionId, Object command) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.promotionCommands(service), promotionId.toString(),
                json.writeValueAsString(command));
        record.headers().add(Topics.MESSAGE_ID_HEADER, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.MESSAGE_TYPE_HEADER, command.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        producer.send(record);
        producer.flush();
    }

    /** Waits for the nth reply of this type (ChangesApplied, ApplyFailed, ChangesReverted) to the promotion. */
    public JsonNode reply(UUID promotionId, String type, int nth) {
        AtomicInteger seen = new AtomicInteger();
        ConsumerRecord<String, String> record = replies.await(r -> promotionId.toString().equals(r.key())
                && type.equals(header(r, Topics.MESSAGE_TYPE_HEADER)) && seen.incrementAndGet() == nth, WAIT);
        if (record == null) {
            throw new AssertionError(type + " #" + nth + " for promotion " + promotionId + " did not arrive within " + WAIT);
        }
        return json.readTree(record.value());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        replies.close();
    }
}
