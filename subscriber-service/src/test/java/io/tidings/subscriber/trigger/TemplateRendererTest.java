package io.tidings.subscriber.trigger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateRendererTest {

    final JsonMapper json = JsonMapper.builder().build();

    ObjectNode model() {
        return (ObjectNode) json.readTree("""
                {"name": "<Ann & Bo>", "count": 3, "payload": {"name": "<Ann & Bo>"},
                 "subscriber": {"firstName": "Ann", "data": {"plan": "pro"}}, "list": [1, 2]}""");
    }

    @Test
    void escapesDoubleBracesWhenAskedAndNeverTripleBraces() {
        assertThat(TemplateRenderer.render("Hi {{name}} / {{{name}}}", model(), true))
                .isEqualTo("Hi &lt;Ann &amp; Bo&gt; / <Ann & Bo>");
        assertThat(TemplateRenderer.render("Hi {{name}}", model(), false)).isEqualTo("Hi <Ann & Bo>");
    }

    @Test
    void followsDottedPathsAndRendersMissingValuesAsNothing() {
        assertThat(TemplateRenderer.render("{{ subscriber.firstName }} {{subscriber.data.plan}} {{payload.name}} {{count}}",
                model(), false)).isEqualTo("Ann pro <Ann & Bo> 3");
        assertThat(TemplateRenderer.render("[{{missing}}][{{subscriber.nope.deeper}}]", model(), true)).isEqualTo("[][]");
        assertThat(TemplateRenderer.render("{{list}}", model(), false)).isEqualTo("[1,2]");
    }

    @Test
    void keepsTextThatIsNotAVariable() {
        assertThat(TemplateRenderer.render("a {{ b", model(), true)).isEqualTo("a {{ b");
        assertThat(TemplateRenderer.render("no variables", model(), true)).isEqualTo("no variables");
    }
}
