package io.tidings.promotion.change;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPatchDiffTest {

    final JsonMapper json = JsonMapper.builder().build();

    JsonNode read(String text) {
        return json.readTree(text.replace('\'', '"'));
    }

    void assertPatch(String from, String to, String expected) {
        ArrayNode patch = JsonPatchDiff.diff(read(from), read(to));
        assertThat(patch).isEqualTo(read(expected));
        assertThat(apply(read(from), patch)).as("applying the patch gives the target").isEqualTo(read(to));
    }

    @Test
    void equalDocumentsGiveAnEmptyPatch() {
        assertPatch("{'a':1,'b':[1,{'c':2}]}", "{'b':[1,{'c':2}],'a':1}", "[]");
    }

    @Test
    void objectMembersAreAddedRemovedAndReplaced() {
        assertPatch("{'a':1,'b':2,'n':{'x':true}}", "{'a':1,'c':3,'n':{'x':false,'y':null}}",
                "[{'op':'remove','path':'/b'},{'op':'add','path':'/c','value':3},"
                        + "{'op':'replace','path':'/n/x','value':false},{'op':'add','path':'/n/y','value':null}]");
    }

    @Test
    void arraysAreComparedByIndex() {
        assertPatch("{'s':[{'n':'a'},{'n':'b'},{'n':'c'}]}", "{'s':[{'n':'a'},{'n':'B'}]}",
                "[{'op':'replace','path':'/s/1/n','value':'B'},{'op':'remove','path':'/s/2'}]");
        assertPatch("{'s':[1]}", "{'s':[1,2,3]}",
                "[{'op':'add','path':'/s/-','value':2},{'op':'add','path':'/s/-','value':3}]");
        assertPatch("{'s':[1,2,3,4]}", "{'s':[9]}",
                "[{'op':'replace','path':'/s/0','value':9},{'op':'remove','path':'/s/3'},"
                        + "{'op':'remove','path':'/s/2'},{'op':'remove','path':'/s/1'}]");
    }

    @Test
    void typeChangesReplaceTheWholeValue() {
        assertPatch("{'a':[1]}", "{'a':{'x':1}}", "[{'op':'replace','path':'/a','value':{'x':1}}]");
        assertPatch("{'a':'1'}", "{'a':1}", "[{'op':'replace','path':'/a','value':1}]");
        assertPatch("[1]", "{'x':1}", "[{'op':'replace','path':'','value':{'x':1}}]");
    }

    @Test
    void pointerTokensAreEscaped() {
        assertPatch("{'a/b':1,'m~n':1}", "{'a/b':2,'m~n':2}",
                "[{'op':'replace','path':'/a~1b','value':2},{'op':'replace','path':'/m~0n','value':2}]");
    }

    @Test
    void aMissingDocumentIsAddedOrReplacedByNull() {
        assertThat(JsonPatchDiff.diff(null, read("{'a':1}"))).isEqualTo(read("[{'op':'add','path':'','value':{'a':1}}]"));
        assertThat(JsonPatchDiff.diff(read("{'a':1}"), null)).isEqualTo(read("[{'op':'replace','path':'','value':null}]"));
        assertThat(JsonPatchDiff.diff(null, null)).isEmpty();
    }

    // --- a minimal RFC 6902 applier (add, remove, replace) to check the patches round-trip ---

    JsonNode apply(JsonNode document, ArrayNode patch) {
        JsonNode result = document.deepCopy();
        for (JsonNode op : patch) {
            String path = op.get("path").asString();
            if (path.isEmpty()) {
                result = op.get("value");
                continue;
            }
            int slash = path.lastIndexOf('/');
            JsonNode parent = locate(result, path.substring(0, slash));
            String token = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            String name = op.get("op").asString();
            if (parent instanceof ObjectNode object) {
                if (name.equals("remove")) {
                    assertThat(object.has(token)).isTrue();
                    object.remove(token);
                } else {
                    assertThat(object.has(token)).isEqualTo(name.equals("replace"));
                    object.set(token, op.get("value"));
                }
            } else {
                ArrayNode array = (ArrayNode) parent;
                if (name.equals("add")) {
                    if (token.equals("-")) {
                        array.add(op.get("value"));
                    } else {
                        array.insert(Integer.parseInt(token), op.get("value"));
                    }
                } else {
                    int index = Integer.parseInt(token);
                    assertThat(index).isLessThan(array.size());
                    if (name.equals("remove")) {
                        array.remove(index);
                    } else {
                        array.set(index, op.get("value"));
                    }
                }
            }
        }
        return result;
    }

    JsonNode locate(JsonNode root, String pointer) {
        JsonNode node = root;
        if (pointer.isEmpty()) {
            return node;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            node = node.isArray() ? node.get(Integer.parseInt(token)) : node.get(token);
        }
        return node;
    }
}
