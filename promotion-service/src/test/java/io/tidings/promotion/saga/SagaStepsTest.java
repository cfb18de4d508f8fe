package io.tidings.promotion.saga;

import io.tidings.platform.content.ContentTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SagaStepsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private SagaItem item(String type, boolean deleted, String text) {
        return new SagaItem(UUID.randomUUID(), type, UUID.randomUUID(), type, deleted ? "deleted" : "created", 1, null, deleted,
                json.createObjectNode().put("name", text), false);
    }

    @Test
    void feedsAndBrandGoBeforeTemplateContentAndGroupsBeforeWorkflowsBeforeDeletedGroups() {
        SagaItem workflow = item(ContentTypes.WORKFLOW, false, "w");
        SagaItem deletedGroup = item(ContentTypes.NOTIFICATION_GROUP, true, "g-");
        SagaItem group = item(ContentTypes.NOTIFICATION_GROUP, false, "g");
        SagaItem layout = item(ContentTypes.LAYOUT, false, "l");
        SagaItem brand = item(ContentTypes.BRAND, false, "b");
        SagaItem feed = item(ContentTypes.FEED, false, "f");

        List<SagaStep> steps = SagaSteps.of(List.of(workflow, deletedGroup, group, layout, brand, feed), 500, 1 << 20);

        assertThat(steps).extracting(SagaStep::service).containsExactly("subscriber", "environment", "template");
        assertThat(steps).extracting(SagaStep::number).containsExactly(1, 2, 3);
        assertThat(steps.get(2).items()).containsExactly(group, layout, workflow, deletedGroup);
    }

    @Test
    void aStepHoldsAtMostTheItemLimitAndAboutTheByteLimit() {
        List<SagaItem> workflows = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> item(ContentTypes.WORKFLOW, false, "x".repeat(100))).toList();

        assertThat(SagaSteps.of(workflows, 2, 1 << 20)).extracting(step -> step.items().size()).containsExactly(2, 2, 1);
        // each item is ~115 bytes of JSON: 250 bytes take two of them, never splitting an item
        assertThat(SagaSteps.of(workflows, 500, 250)).extracting(step -> step.items().size()).containsExactly(2, 2, 1);
        // an item larger than the byte limit still goes, alone
        assertThat(SagaSteps.of(workflows, 500, 10)).hasSize(5);
    }

    @Test
    void nothingToPromoteIsNoSteps() {
        assertThat(SagaSteps.of(List.of(), 500, 1000)).isEmpty();
    }
}
