package io.tidings.promotion.promotion;

import io.tidings.platform.content.ContentTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowReferencesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aWorkflowNeedsItsGroupAndTheLayoutsAndFeedsOfItsSteps() {
        UUID group = UUID.randomUUID();
        UUID layout = UUID.randomUUID();
        UUID feed = UUID.randomUUID();
        ObjectNode workflow = json.createObjectNode().put("notificationGroupId", group.toString());
        var steps = workflow.putArray("steps");
        steps.addObject().put("type", "email").putObject("template").put("layoutId", layout.toString());
        steps.addObject().put("type", "in_app").putObject("template").put("feedId", feed.toString());
        steps.addObject().put("type", "sms").putObject("template").put("content", "hi");

        assertThat(WorkflowReferences.of(workflow)).containsExactly(
                new WorkflowReferences.Reference(ContentTypes.NOTIFICATION_GROUP, group),
                new WorkflowReferences.Reference(ContentTypes.LAYOUT, layout),
                new WorkflowReferences.Reference(ContentTypes.FEED, feed));
    }

    @Test
    void idsThatAreNotUuidsAndMissingContentReferToNothing() {
        ObjectNode workflow = json.createObjectNode().put("notificationGroupId", "general");
        workflow.putArray("steps").addObject().putObject("template").put("layoutId", 42);

        assertThat(WorkflowReferences.of(workflow)).isEmpty();
        assertThat(WorkflowReferences.of(null)).isEmpty();
    }
}
