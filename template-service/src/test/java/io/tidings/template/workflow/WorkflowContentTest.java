package io.tidings.template.workflow;

import io.tidings.platform.content.ContentHash;
import io.tidings.platform.web.ApiException;
import io.tidings.template.content.ContentLimits;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowContentTest {

    static final UUID GENERAL = UUID.randomUUID();
    static final String LAYOUT = UUID.randomUUID().toString();

    static WorkflowRequest.StepRequest inApp(String content) {
        return new WorkflowRequest.StepRequest(null, "Inbox", "in_app", null,
                new WorkflowRequest.StepTemplate(null, null, content, null, null));
    }

    static WorkflowRequest.StepRequest email(String subject, String content) {
        return new WorkflowRequest.StepRequest(null, "Mail", "email", true,
                new WorkflowRequest.StepTemplate(null, subject, content, LAYOUT, null));
    }

    static WorkflowRequest request(List<WorkflowRequest.StepRequest> steps) {
        return new WorkflowRequest("Order shipped", null, "Tells the buyer", List.of("orders"), null, null, null, null, steps);
    }

    static void rejected(WorkflowRequest request, String... fragments) {
        assertThatThrownBy(() -> WorkflowContent.of(request, null, GENERAL))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .satisfies(e -> {
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }

    @Test
    void theSameRequestAgainstItsOwnPreviousContentIsTheSameContentAndHash() {
        WorkflowRequest body = request(List.of(inApp("Your order {{orderId}} shipped"), email("Shipped: {{orderId}}", "Hi {{name}}")));
        ObjectNode first = WorkflowContent.of(body, null, GENERAL);
        ObjectNode second = WorkflowContent.of(body, first, GENERAL);

        assertThat(second).isEqualTo(first);
        assertThat(ContentHash.of(second)).isEqualTo(ContentHash.of(first));
    }

    @Test
    void aChangedFieldChangesTheHash() {
        WorkflowRequest body = request(List.of(inApp("Your order {{orderId}} shipped")));
        ObjectNode first = WorkflowContent.of(body, null, GENERAL);
        ObjectNode renamed = WorkflowContent.of(new WorkflowRequest("Order sent", null, null, null, null, null, null, null, null),
                first, GENERAL);

        assertThat(ContentHash.of(renamed)).isNotEqualTo(ContentHash.of(first));
        assertThat(renamed.get("identifier").asString()).isEqualTo("order-shipped"); // kept, not re-derived
    }

    @Test
    void keepsStepIdsAcrossSaves() {
        ObjectNode first = WorkflowContent.of(request(List.of(inApp("a"), inApp("b"))), null, GENERAL);
        String id0 = first.get("steps").get(0).get("_id").asString();
        String id1 = first.get("steps").get(1).get("_id").asString();
        assertThat(id0).isNotEqualTo(id1);

        ObjectNode edited = WorkflowContent.of(request(List.of(inApp("a changed"), inApp("b changed"))), first, GENERAL);
        assertThat(edited.get("steps").get(0).get("_id").asString()).isEqualTo(id0);
        assertThat(edited.get("steps").get(1).get("_id").asString()).isEqualTo(id1);

        ObjectNode withoutSteps = WorkflowContent.of(new WorkflowRequest(null, null, null, null, false, null, null, null, null), edited, GENERAL);
        assertThat(withoutSteps.get("steps")).isEqualTo(edited.get("steps"));
        assertThat(withoutSteps.get("active").asBoolean()).isFalse();
    }

    @Test
    void usesTheDefaultGroupWhenNoneIsGiven() {
        ObjectNode content = WorkflowContent.of(request(List.of()), null, GENERAL);
        assertThat(content.get("notificationGroupId").asString()).isEqualTo(GENERAL.toString());
    }

    @Test
    void reportsTheVariablesOfEveryStep() {
        ObjectNode content = WorkflowContent.of(request(List.of(inApp("{{a}} {{b}}"), email("{{c}}", "{{a}} {{{d}}}"))), null, GENERAL);
        assertThat(WorkflowContent.variables(content)).containsExactly("a", "b", "c", "d");
        assertThat(WorkflowContent.layoutIds(content)).containsExactly(UUID.fromString(LAYOUT));
    }

    @Test
    void rejectsAnUnknownStepTypeListingTheValidOnes() {
        rejected(request(List.of(new WorkflowRequest.StepRequest(null, "x", "fax", null,
                        new WorkflowRequest.StepTemplate(null, null, "hi", null, null)))),
                "steps[0].type 'fax' is not a step type", "in_app, email, sms, chat, push, digest, delay");
    }

    @Test
    void rejectsAStepWithoutAType() {
        rejected(request(List.of(new WorkflowRequest.StepRequest(null, "x", null, null,
                new WorkflowRequest.StepTemplate(null, null, "hi", null, null)))), "steps[0].type is required");
    }

    @Test
    void rejectsAnEmailStepWithoutSubject() {
        rejected(request(List.of(inApp("ok"), email(null, "body"))), "steps[1].template.subject is required");
    }

    @Test
    void rejectsSubjectOrLayoutOnANonEmailStep() {
        rejected(request(List.of(new WorkflowRequest.StepRequest(null, "s", "sms", null,
                new WorkflowRequest.StepTemplate(null, "Subject", "text", null, null)))), "steps[0].template", "email steps only");
        rejected(request(List.of(new WorkflowRequest.StepRequest(null, "s", "in_app", null,
                new WorkflowRequest.StepTemplate(null, null, "text", LAYOUT, null)))), "steps[0].template", "email steps only");
    }

    @Test
    void rejectsOversizedContentStatingTheLimit() {
        String huge = "x".repeat(ContentLimits.TEMPLATE + 1);
        rejected(request(List.of(inApp(huge))), "steps[0].template.content", "65537 characters", "the limit is 65536");
    }

    @Test
    void acceptsContentExactlyAtTheLimit() {
        ObjectNode content = WorkflowContent.of(request(List.of(inApp("x".repeat(ContentLimits.TEMPLATE)))), null, GENERAL);
        assertThat(content.get("steps").get(0).get("template").get("content").asString()).hasSize(65_536);
    }

    @Test
    void rejectsMoreThanTwentySteps() {
        List<WorkflowRequest.StepRequest> steps = new ArrayList<>(Collections.nCopies(21, inApp("hi")));
        rejected(request(steps), "steps has 21 entries", "the limit is 20");
        assertThat(WorkflowContent.of(request(steps.subList(0, 20)), null, GENERAL).get("steps")).hasSize(20);
    }

    @Test
    void rejectsATemplateThatDoesNotParse() {
        rejected(request(List.of(inApp("Hi {{name"))), "steps[0].template.content does not parse", "position 3");
    }

    @Test
    void rejectsAMalformedGroupId() {
        rejected(new WorkflowRequest("W", null, null, null, null, null, null, "not-a-uuid", List.of()),
                "notificationGroupId is not a valid id");
    }
}
