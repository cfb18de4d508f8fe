package io.tidings.template.group;

import io.tidings.template.content.Documents;
import tools.jackson.databind.node.ObjectNode;

/** What a group's revision holds, and so what promotion copies. */
final class GroupContent {

    private GroupContent() {
    }

    static ObjectNode of(String name) {
        return Documents.JSON.createObjectNode().put("name", name);
    }
}
