package io.tidings.promotion.change;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * An RFC 6902 JSON Patch that turns one document into another, using add, remove and replace.
 * Objects are compared member by member; arrays index by index (common indexes recursively, then
 * extra elements added at the end or removed from the end, highest index first, so each operation's
 * index is valid when it is applied in order). A missing document ({@code null}) on either side
 * is the whole document added ({@code add ""}) or replaced by JSON null ({@code replace ""}).
 */
public final class JsonPatchDiff {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPatchDiff() {
    }

    public static ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode patch = NODES.arrayNode();
        if (from == null && to == null) {
            return patch;
        }
        if (from == null) {
            patch.add(op("add", "", to));
            return patch;
        }
        if (to == null) {
            patch.add(op("replace", "", NODES.nullNode()));
            return patch;
        }
        diff(from, to, "", patch);
        return patch;
    }

    private static void diff(JsonNode from, JsonNode to, String path, ArrayNode patch) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            for (Map.Entry<String, JsonNode> member : from.properties()) {
                if (!to.has(member.getKey())) {
                    patch.add(op("remove", path + "/" + escape(member.getKey()), null));
                }
            }
            for (Map.Entry<String, JsonNode> member : to.properties()) {
                String child = path + "/" + escape(member.getKey());
                JsonNode old = from.get(member.getKey());
                if (old == null) {
                    patch.add(op("add", child, member.getValue()));
                } else {
                    diff(old, member.getValue(), child, patch);
                }
            }
            return;
        }
        if (from.isArray() && to.isArray()) {
            int common = Math.min(from.size(), to.size());
            for (int i = 0; i < common; i++) {
                diff(from.get(i), to.get(i), path + "/" + i, patch);
            }
            for (int i = from.size() - 1; i >= to.size(); i--) {
                patch.add(op("remove", path + "/" + i, null));
            }
            for (int i = from.size(); i < to.size(); i++) {
                patch.add(op("add", path + "/-", to.get(i)));
            }
            return;
        }
        patch.add(op("replace", path, to));
    }

    private static ObjectNode op(String name, String path, JsonNode value) {
        ObjectNode op = NODES.objectNode().put("op", name).put("path", path);
        if (value != null) {
            op.set("value", value.deepCopy());
        }
        return op;
    }

    /** RFC 6901: '~' is written '~0' and '/' is written '~1'. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
