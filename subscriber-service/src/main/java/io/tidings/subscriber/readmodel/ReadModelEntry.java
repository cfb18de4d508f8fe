package io.tidings.subscriber.readmodel;

import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** The latest known revision of another service's content in one environment. */
public record ReadModelEntry(UUID environmentId, String type, UUID key, long revision, String name, ObjectNode content) {
}
