package io.tidings.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reading what other components publish or answer. Tolerant of fields added later, unlike the
 * strict mapper that guards request bodies: a newer producer must not break an older consumer.
 */
public final class Messages {

    public static final JsonMapper TOLERANT_JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Logger log = LoggerFactory.getLogger(Messages.class);

    private Messages() {
    }

    /**
     * The record's value as {@code type}, or empty when it cannot be read: such a message is logged
     * and skipped, since retrying it would only block its partition.
     */
    public static <T> Optional<T> read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return Optional.ofNullable(TOLERANT_JSON.readValue(record.value(), type));
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("skipping unreadable {} on {} at offset {}: {}", type.getSimpleName(), record.topic(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The outbox message id the record carries, if it came through an outbox. */
    public static Optional<String> messageId(ConsumerRecord<?, ?> record) {
        Header id = record.headers().lastHeader(Topics.MESSAGE_ID_HEADER);
        return id == null ? Optional.empty() : Optional.of(new String(id.value(), StandardCharsets.UTF_8));
    }
}
