package io.tidings.platform.messaging;

import java.util.ArrayList;
import java.util.List;

/** Kafka topic names shared by producers and consumers. */
public final class Topics {

    public static final String ENVIRONMENT_EVENTS = "tidings.environment.events";
    public static final String CONTENT_REVISIONS = "tidings.content.revisions";
    public static final String PROMOTION_REPLIES = "tidings.promotion.replies";
    public static final String PROMOTION_EVENTS = "tidings.promotion.events";

    /** Header carrying the outbox message id, the key for idempotent consumers. */
    public static final String MESSAGE_ID_HEADER = "tidings-message-id";
    /** Header naming the record type of the payload. */
    public static final String MESSAGE_TYPE_HEADER = "tidings-message-type";

    private Topics() {
    }

    /** Prefix of the saga's command topics; {@code PROMOTION_COMMANDS_PREFIX + "template"} is a constant for annotations. */
    public static final String PROMOTION_COMMANDS_PREFIX = "tidings.promotion.commands.";
    /** The participants of the promotion saga, by the service name in their command topic. */
    public static final List<String> PROMOTION_PARTICIPANTS = List.of("environment", "template", "subscriber");

    /** Where the saga sends {@link ApplyChanges} and {@link RevertChanges} to {@code service}. */
    public static String promotionCommands(String service) {
        return PROMOTION_COMMANDS_PREFIX + service;
    }

    public static List<String> all() {
        List<String> topics = new ArrayList<>(List.of(ENVIRONMENT_EVENTS, CONTENT_REVISIONS, PROMOTION_REPLIES, PROMOTION_EVENTS));
        PROMOTION_PARTICIPANTS.forEach(service -> topics.add(promotionCommands(service)));
        return List.copyOf(topics);
    }
}
