package io.tidings.subscriber.widget;

import tools.jackson.databind.JsonNode;

/** @param messageId one message id or an array of them */
public record MarkAsRequest(JsonNode messageId, Mark mark) {

    public record Mark(Boolean seen, Boolean read) {
    }
}
