package io.tidings.template.content;

import io.tidings.platform.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @Test
    void derivesALowercaseSlugFromTheNameWhenNoneIsGiven() {
        assertThat(Identifiers.resolve("identifier", null, "Welcome Email!")).isEqualTo("welcome-email");
        assertThat(Identifiers.resolve("identifier", null, "  Ça   va, Zoë? ")).isEqualTo("ca-va-zoe");
    }

    @Test
    void cutsADerivedSlugToSixtyFourCharacters() {
        assertThat(Identifiers.resolve("identifier", null, "a".repeat(100))).hasSize(64);
    }

    @Test
    void keepsAValidGivenIdentifierStripped() {
        assertThat(Identifiers.resolve("identifier", "  order_shipped-2 ", "Whatever")).isEqualTo("order_shipped-2");
    }

    @Test
    void rejectsAGivenIdentifierThatIsNotASlug() {
        for (String bad : new String[] {"Upper", "with space", "-leading", "", "x".repeat(65), "dot.ted"}) {
            assertThatThrownBy(() -> Identifiers.resolve("identifier", bad, "Name"))
                    .as(bad)
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("identifier must be 1 to 64 lowercase letters");
        }
    }

    @Test
    void refusesToDeriveFromANameWithoutLettersOrDigits() {
        assertThatThrownBy(() -> Identifiers.resolve("identifier", null, "!!! ???"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("cannot be derived from the name");
    }
}
