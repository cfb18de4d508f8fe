package io.tidings.promotion.promotion;

import io.tidings.platform.web.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromotionRequestsTest {

    @Test
    void allSelectsEveryChangeAndIdsAreDistinct() {
        String id = UUID.randomUUID().toString();
        assertThat(PromotionRequests.selection(new PromotionRequests.Promote(null, true, false, false), 10)).isNull();
        assertThat(PromotionRequests.selection(new PromotionRequests.Promote(List.of(id, " " + id + " "), null, null, null), 10))
                .containsExactly(UUID.fromString(id));
    }

    @Test
    void refusesNeitherBothTooManyAndMalformedIds() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> PromotionRequests.selection(new PromotionRequests.Promote(null, null, null, null), 10))
                .isInstanceOf(ApiException.class).hasMessageContaining("all");
        assertThatThrownBy(() -> PromotionRequests.selection(new PromotionRequests.Promote(List.of(id), true, null, null), 10))
                .isInstanceOf(ApiException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> PromotionRequests.changeIds(Collections.nCopies(11, id), 10))
                .isInstanceOf(ApiException.class).hasMessageContaining("at most 10");
        assertThatThrownBy(() -> PromotionRequests.changeIds(List.of("x"), 10))
                .isInstanceOf(ApiException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> PromotionRequests.changeIds(Collections.singletonList(null), 10))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PromotionRequests.changeIds(List.of(), 10)).isInstanceOf(ApiException.class);
    }
}
