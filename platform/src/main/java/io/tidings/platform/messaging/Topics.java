package io.tidings.platform.messaging;

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

    public static String promotionCommands(String service) {
        return "tidings.promotion.commands." + service;
    }

    public static List<String> all() {
        return List.of(ENVIRONMENT_EVENTS, CONTENT_REVISIONS, PROMOTION_REPLIES, PROMOTION_EVENTS);
    }
}
