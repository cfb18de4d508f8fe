package io.tidings.promotion.promotion;

import io.tidings.platform.content.ContentTypes;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** What a workflow needs in the environment it runs in: its group, its steps' layouts and feeds. */
final class WorkflowReferences {

    /** A referenced entity, as "type:key" is spelled in the projection queries. */
    record Reference(String type, UUID key) {
        String id() {
            return type + ":" + key;
        }
    }

    private WorkflowReferences() {
    }

    static Set<Reference> of(JsonNode workflow) {
        Set<Reference> references = new LinkedHashSet<>();
        if (workflow == null) {
            return references;
        }
        add(references, ContentTypes.NOTIFICATION_GROUP, workflow.path("notificationGroupId"));
        for (JsonNode step : workflow.path("steps")) {
            add(references, ContentTypes.LAYOUT, step.path("template").path("layoutId"));
            add(references, ContentTypes.FEED, step.path("template").path("feedId"));
        }
        return references;
    }

    private static void add(Set<Reference> references, String type, JsonNode id) {
        if (!id.isString()) {
            return;
        }
        try {
            references.add(new Reference(type, UUID.fromString(id.asString())));
        } catch (IllegalArgumentException ignored) {
            // the owning service validated its content; an id that is not one refers to nothing
        }
    }
}
