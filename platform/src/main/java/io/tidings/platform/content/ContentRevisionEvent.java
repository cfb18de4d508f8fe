package io.tidings.platform.content;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One committed revision of promotable content, published on
 * {@link io.tidings.platform.messaging.Topics#CONTENT_REVISIONS} keyed by environment, type and key.
 * promotion-service derives pending changes from these; subscriber-service keeps its read model.
 *
 * @param type    what the content is: {@link ContentTypes}
 * @param key     the stable key shared by every environment's copy
 * @param content the whole content of this revision (the last content before a delete, when deleted)
 */
public record ContentRevisionEvent(
        UUID organizationId,
        UUID environmentId,
        String type,
        UUID key,
        long revision,
        String contentHash,
        boolean deleted,
        String name,
        JsonNode content,
        String actor,
        Instant createdAt) {

    public String messageKey() {
        return environmentId + ":" + type + ":" + key;
    }

    /**
     * The newest revision of each entity among {@code events}, ordered by entity: what a read
     * model keeps when it applies a batch at once (one row may be written only once per statement,
     * and a fixed order keeps concurrent writers from deadlocking).
     */
    public static List<ContentRevisionEvent> newestOfEach(Collection<ContentRevisionEvent> events) {
        Map<String, ContentRevisionEvent> newest = new LinkedHashMap<>();
        for (ContentRevisionEvent event : events) {
            newest.merge(event.messageKey(), event, (held, later) -> later.revision() > held.revision() ? later : held);
        }
        return newest.values().stream()
                .sorted(Comparator.comparing(ContentRevisionEvent::environmentId)
                        .thenComparing(ContentRevisionEvent::type)
                        .thenComparing(ContentRevisionEvent::key))
                .toList();
    }
}
