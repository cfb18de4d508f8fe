package io.tidings.template.content;

import io.tidings.platform.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateSyntaxTest {

    @Test
    void findsVariablesInOrderOfFirstUseWithoutRepeats() {
        assertThat(TemplateSyntax.variables("content", "Hi {{ subscriber.firstName }}, {{order_id}} and {{subscriber.firstName}} again {{step-count}}"))
                .containsExactly("subscriber.firstName", "order_id", "step-count");
    }

    @Test
    void readsTripleBracesAsARawVariable() {
        assertThat(TemplateSyntax.variables("content", "<div>{{{body}}}</div><p>{{title}}</p>"))
                .containsExactly("body", "title");
    }

    @Test
    void nullOrPlainTextHasNoVariables() {
        assertThat(TemplateSyntax.variables("content", null)).isEmpty();
        assertThat(TemplateSyntax.variables("content", "no braces { here }")).isEmpty();
    }

    @Test
    void rejectsAnUnclosedOpeningNamingItsPosition() {
        assertThatThrownBy(() -> TemplateSyntax.variables("steps[0].template.content", "Hello {{name"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessageContaining("steps[0].template.content does not parse")
                .hasMessageContaining("position 6")
                .hasMessageContaining("never closed");
    }

    @Test
    void rejectsAnUnclosedRawOpening() {
        assertThatThrownBy(() -> TemplateSyntax.variables("content", "ab{{{body}}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("'{{{' at position 2 is never closed");
    }

    @Test
    void rejectsAStrayClosingNamingItsPosition() {
        assertThatThrownBy(() -> TemplateSyntax.variables("content", "Hello }} there"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("'}}' without a matching '{{' at position 6");
        assertThatThrownBy(() -> TemplateSyntax.variables("content", "{{a}} then }}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("position 11");
    }

    @Test
    void rejectsSomethingThatIsNotAVariableName() {
        assertThatThrownBy(() -> TemplateSyntax.variables("subject", "Hi {{ bad name! }}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessageContaining("subject does not parse")
                .hasMessageContaining("'{{ bad name! }}' at position 3 is not a variable");
        assertThatThrownBy(() -> TemplateSyntax.variables("content", "{{}}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("position 0");
        assertThatThrownBy(() -> TemplateSyntax.variables("content", "{{#if x}}y{{/if}}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("position 0");
    }
}
