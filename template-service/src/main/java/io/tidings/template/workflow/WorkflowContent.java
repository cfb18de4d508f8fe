package io.tidings.template.workflow;

import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import io.tidings.template.content.ContentLimits;
import io.tidings.template.content.Documents;
import io.tidings.template.content.Identifiers;
import io.tidings.template.content.TemplateSyntax;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a workflow request into the content a revision holds (what is hashed and promoted), and
 * reads back what it references. Ids of steps are kept across saves, so saving the same workflow
 * again is the same content.
 */
public final class WorkflowContent {

    private WorkflowContent() {
    }

    /** @param current the workflow's content before this save, or null when creating */
    public static ObjectNode of(WorkflowRequest request, ObjectNode current, UUID defaultGroupId) {
        String name = ContentLimits.requiredText("name",
                request.name() != null ? request.name() : text(current, "name"), ContentLimits.NAME);
        String identifier = Identifiers.resolve("identifier",
                request.identifier() != null ? request.identifier() : text(current, "identifier"), name);
        String description = ContentLimits.text("description",
                request.description() != null ? request.description() : text(current, "description"), ContentLimits.DESCRIPTION);
        String groupId = request.notificationGroupId() != null ? request.notificationGroupId()
                : current != null ? text(current, "notificationGroupId") : defaultGroupId.toString();
        UUID group = io.tidings.template.content.Ids.parse("notificationGroupId", groupId);

        ObjectNode content = Documents.JSON.createObjectNode();
        content.put("name", name);
        content.put("identifier", identifier);
        content.put("description", description);
        ArrayNode tags = content.putArray("tags");
        tags(request, current).forEach(tags::add);
        content.put("active", flag(request.active(), current, "active", true));
        content.put("critical", flag(request.critical(), current, "critical", false));
        content.set("preferenceSettings", preferences(request.preferenceSettings(), current));
        content.put("notificationGroupId", group.toString());
        content.set("steps", request.steps() != null ? steps(request.steps(), current)
                : current != null ? current.get("steps").deepCopy() : Documents.JSON.createArrayNode());
        return content;
    }

    public static UUID groupId(JsonNode content) {
        return UUID.fromString(content.get("notificationGroupId").asString());
    }

    public static Set<UUID> layoutIds(JsonNode content) {
        Set<UUID> ids = new LinkedHashSet<>();
        content.get("steps").forEach(step -> {
            JsonNode layout = step.path("template").path("layoutId");
            if (layout.isString()) {
                ids.add(UUID.fromString(layout.asString()));
            }
        });
        return ids;
    }

    /** Every variable the steps use, in order of first use. */
    public static Set<String> variables(JsonNode content) {
        Set<String> names = new LinkedHashSet<>();
        content.get("steps").forEach(step -> {
            JsonNode template = step.path("template");
            names.addAll(TemplateSyntax.variables("subject", template.path("subject").asString(null)));
            names.addAll(TemplateSyntax.variables("content", template.path("content").asString(null)));
        });
        return names;
    }

    private static List<String> tags(WorkflowRequest request, ObjectNode current) {
        if (request.tags() == null) {
            List<String> kept = new ArrayList<>();
            if (current != null) {
                current.get("tags").forEach(t -> kept.add(t.asString()));
            }
            return kept;
        }
        if (request.tags().size() > ContentLimits.TAGS) {
            throw ApiException.badRequest("tags has " + request.tags().size() + " entries; the limit is " + ContentLimits.TAGS);
        }
        List<String> tags = new ArrayList<>();
        for (String tag : request.tags()) {
            tags.add(ContentLimits.requiredText("tags[]", tag, ContentLimits.TAG));
        }
        return tags;
    }

    private static boolean flag(Boolean given, ObjectNode current, String field, boolean fallback) {
        if (given != null) {
            return given;
        }
        return current != null ? current.get(field).asBoolean() : fallback;
    }

    private static ObjectNode preferences(WorkflowRequest.PreferenceSettings given, ObjectNode current) {
        ObjectNode base = current != null ? (ObjectNode) current.get("preferenceSettings").deepCopy()
                : Documents.JSON.createObjectNode().put("email", true).put("sms", true).put("in_app", true).put("chat", true).put("push", true);
        if (given != null) {
            if (given.email() != null) base.put("email", given.email());
            if (given.sms() != null) base.put("sms", given.sms());
            if (given.in_app() != null) base.put("in_app", given.in_app());
            if (given.chat() != null) base.put("chat", given.chat());
            if (given.push() != null) base.put("push", given.push());
        }
        return base;
    }

    private static ArrayNode steps(List<WorkflowRequest.StepRequest> requested, ObjectNode current) {
        if (requested.size() > ContentLimits.STEPS) {
            throw ApiException.badRequest("steps has " + requested.size() + " entries; the limit is " + ContentLimits.STEPS);
        }
        JsonNode previous = current == null ? null : current.get("steps");
        ArrayNode steps = Documents.JSON.createArrayNode();
        for (int i = 0; i < requested.size(); i++) {
            WorkflowRequest.StepRequest step = requested.get(i);
            String field = "steps[" + i + "]";
            if (step == null) {
                throw ApiException.badRequest(field + " is empty");
            }
            WorkflowRequest.StepTemplate template = step.template();
            String typeName = step.type() != null ? step.type() : template != null ? template.type() : null;
            if (step.type() != null && template != null && template.type() != null && !step.type().equals(template.type())) {
                throw ApiException.badRequest(field + ".type '" + step.type() + "' and template.type '" + template.type() + "' differ");
            }
            StepType type = StepType.parse(field + ".type", typeName);
            ObjectNode node = steps.addObject();
            node.put("_id", stepId(field, step, previous, i));
            node.put("name", ContentLimits.text(field + ".name", step.name(), ContentLimits.NAME));
            node.put("type", type.api());
            node.put("active", step.active() == null || step.active());
            node.set("template", template(field + ".template", type, template));
        }
        return steps;
    }

    private static ObjectNode template(String field, StepType type, WorkflowRequest.StepTemplate template) {
        ObjectNode node = Documents.JSON.createObjectNode();
        if (!type.hasMessage()) {
            return node;
        }
        if (template == null) {
            throw ApiException.badRequest(field + " is required for a " + type.api() + " step");
        }
        String content = ContentLimits.requiredText(field + ".content", template.content(), ContentLimits.TEMPLATE);
        TemplateSyntax.variables(field + ".content", content);
        node.put("content", content);
        if (type == StepType.EMAIL) {
            String subject = ContentLimits.requiredText(field + ".subject", template.subject(), ContentLimits.SUBJECT);
            TemplateSyntax.variables(field + ".subject", subject);
            node.put("subject", subject);
            if (template.layoutId() != null) {
                node.put("layoutId", io.tidings.template.content.Ids.parse(field + ".layoutId", template.layoutId()).toString());
            }
        } else if (template.subject() != null || template.layoutId() != null) {
            throw ApiException.badRequest(field + ": subject and layoutId belong to email steps only");
        }
        if (type == StepType.IN_APP && template.feedId() != null) {
            node.put("feedId", io.tidings.template.content.Ids.parse(field + ".feedId", template.feedId()).toString());
        } else if (type != StepType.IN_APP && template.feedId() != null) {
            throw ApiException.badRequest(field + ": feedId belongs to in_app steps only");
        }
        return node;
    }

    private static String stepId(String field, WorkflowRequest.StepRequest step, JsonNode previous, int index) {
        if (step._id() != null) {
            return io.tidings.template.content.Ids.parse(field + "._id", step._id()).toString();
        }
        if (previous != null && index < previous.size()) {
            return previous.get(index).get("_id").asString();
        }
        return Ids.uuid().toString();
    }

    private static String text(ObjectNode node, String field) {
        if (node == null || node.get(field) == null || node.get(field).isNull()) {
            return null;
        }
        return node.get(field).asString();
    }
}
