package io.tidings.promotion.saga;

import io.tidings.platform.content.ContentTypes;
import io.tidings.promotion.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a saga's items into steps, sent one after another. Participants go in a fixed order (feeds
 * and brand before the template content that uses them), groups and layouts before workflows and
 * their deletes after, so every step leaves the target consistent. A step holds at most
 * {@code maxItems} items and about {@code maxBytes} of content, which keeps each command well under
 * Kafka's message size limit.
 */
public final class SagaSteps {

    private static final List<String> SERVICE_ORDER = List.of("subscriber", "environment", "template");

    private SagaSteps() {
    }

    public static List<SagaStep> of(List<SagaItem> items, int maxItems, int maxBytes) {
        List<SagaItem> ordered = items.stream()
                .sorted(Comparator.comparingInt((SagaItem item) -> SERVICE_ORDER.indexOf(ContentTypes.owner(item.type())))
                        .thenComparingInt(SagaSteps::orderInService))
                .toList();
        List<SagaStep> steps = new ArrayList<>();
        List<SagaItem> current = new ArrayList<>();
        String service = null;
        long bytes = 0;
        for (SagaItem item : ordered) {
            String owner = ContentTypes.owner(item.type());
            long size = item.content() == null ? 0 : Json.write(item.content()).length();
            boolean full = current.size() >= maxItems || (!current.isEmpty() && bytes + size > maxBytes);
            if (!current.isEmpty() && (!owner.equals(service) || full)) {
                steps.add(new SagaStep(steps.size() + 1, service, List.copyOf(current)));
                current.clear();
                bytes = 0;
            }
            service = owner;
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) {
            steps.add(new SagaStep(steps.size() + 1, service, List.copyOf(current)));
        }
        return steps;
    }

    private static int orderInService(SagaItem item) {
        return switch (item.type()) {
            case ContentTypes.NOTIFICATION_GROUP, ContentTypes.LAYOUT -> item.deleted() ? 2 : 0;
            case ContentTypes.WORKFLOW -> 1;
            default -> 0;
        };
    }
}
