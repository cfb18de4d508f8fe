package io.tidings.platform.messaging;

import tools.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * What the target held for one item before a promotion step applied it: its latest revision there.
 *
 * @param revision null when the target never had the entity (then deleted is false, content null)
 * @param deleted  true when the latest target revision is a delete
 * @param content  the latest target revision's content, null when absent
 */
public record PreviousState(String type, UUID key, Long revision, boolean deleted, JsonNode content) {

    public static PreviousState absent(String type, UUID key) {
        return new PreviousState(type, key, null, false, null);
    }
}
