package io.tidings.subscriber.trigger;

import java.util.List;

public record BulkTriggerRequest(List<TriggerRequest> events) {
}
