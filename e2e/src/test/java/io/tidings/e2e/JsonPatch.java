package io.tidings.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies an RFC 6902 patch (add, remove, replace; what a diff needs) the way any client library
 * would, so a test can check that a diff really turns the target document into the source.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    static JsonNode apply(JsonNode document, JsonNode patch) {
        JsonNode result = document == null ? JsonNodeFactory.instance.nullNode() : document.deepCopy();
        for (JsonNode op : patch) {
            String name = op.get("op").asString();
            String path = op.get("path").asString();
            JsonNode value = op.get("value");
            if (path.isEmpty()) {
                if (!name.equals("add") && !name.equals("replace")) {
                    throw new IllegalArgumentException("cannot " + name + " the whole document");
                }
                result = value.deepCopy();
                continue;
            }
            int slash = path.lastIndexOf('/');
            JsonNode parent = at(result, path.substring(0, slash));
            String last = unescape(path.substring(slash + 1));
            switch (name) {
                case "add" -> {
                    if (parent instanceof ArrayNode array) {
                        if (last.equals("-")) {
                            array.add(value.deepCopy());
                        } else {
                            array.insert(Integer.parseInt(last), value.deepCopy());
                        }
                    } else {
                        ((ObjectNode) parent).set(last, value.deepCopy());
                    }
                }
                case "remove" -> {
                    if (parent instanceof ArrayNode array) {
                        array.remove(Integer.parseInt(last));
                    } else {
                        require(((ObjectNode) parent).remove(last) != null, path);
                    }
                }
                case "replace" -> {
                    if (parent instanceof ArrayNode array) {
                        array.set(Integer.parseInt(last), value.deepCopy());
                    } else {
                        require(parent.has(last), path);
                        ((ObjectNode) parent).set(last, value.deepCopy());
                    }
                }
                default -> throw new IllegalArgumentException("unexpected op " + name);
            }
        }
        return result;
    }

    private static JsonNode at(JsonNode document, String pointer) {
        JsonNode node = document;
        if (pointer.isEmpty()) {
            return node;
        }
        for (String token : pointer.substring(1).split("/", -1)) {
            String name = unescape(token);
            node = node.isArray() ? node.get(Integer.parseInt(name)) : node.get(name);
            require(node != null, pointer);
        }
        return node;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static void require(boolean present, String path) {
        if (!present) {
            throw new IllegalArgumentException("the patch names " + path + ", which the document does not have");
        }
    }
}
