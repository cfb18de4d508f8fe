package io.tidings.platform.promotion;

import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** A source revision a promotion carries to the target: the content to put there, or a delete. */
public record PinnedRevision(String type, UUID key, long sourceRevision, ObjectNode content, boolean deleted) {
}
