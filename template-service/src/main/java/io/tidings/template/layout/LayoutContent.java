package io.tidings.template.layout;

import io.tidings.platform.web.ApiException;
import io.tidings.template.content.ContentLimits;
import io.tidings.template.content.Documents;
import io.tidings.template.content.Identifiers;
import io.tidings.template.content.TemplateSyntax;
import tools.jackson.databind.node.ObjectNode;

/** Validates a layout request into the content a revision holds. */
final class LayoutContent {

    static final String BODY = "{{{body}}}";

    private LayoutContent() {
    }

    static ObjectNode of(LayoutRequest request, boolean isDefault) {
        String name = ContentLimits.requiredText("name", request.name(), ContentLimits.NAME);
        String content = ContentLimits.requiredText("content", request.content(), ContentLimits.TEMPLATE);
        if (!content.contains(BODY)) {
            throw ApiException.badRequest("content must hold " + BODY + ", where each email's body goes");
        }
        TemplateSyntax.variables("content", content);
        return Documents.JSON.createObjectNode()
                .put("name", name)
                .put("identifier", Identifiers.resolve("identifier", request.identifier(), name))
                .put("description", ContentLimits.text("description", request.description(), ContentLimits.DESCRIPTION))
                .put("content", content)
                .put("isDefault", isDefault);
    }

    /** A patch: given fields replace the current ones. */
    static ObjectNode patched(ObjectNode current, LayoutRequest patch) {
        return of(new LayoutRequest(
                patch.name() != null ? patch.name() : current.get("name").asString(),
                patch.identifier() != null ? patch.identifier() : current.get("identifier").asString(),
                patch.description() != null ? patch.description() : current.path("description").asString(null),
                patch.content() != null ? patch.content() : current.get("content").asString(),
                null), current.get("isDefault").asBoolean());
    }

    static ObjectNode withDefault(ObjectNode content, boolean isDefault) {
        return content.deepCopy().put("isDefault", isDefault);
    }
}
