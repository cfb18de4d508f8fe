package io.tidings.promotion.saga;

import java.util.List;

/** One {@code ApplyChanges} of a saga: items of one participant, applied in one local transaction. */
public record SagaStep(int number, String service, List<SagaItem> items) {
}
