package io.tidings.template.workflow;

import java.util.List;

/**
 * A workflow as Novu's v1 API sends it. On update (PUT) every field is optional and an absent one
 * keeps its current value.
 */
public record WorkflowRequest(
        String name,
        String identifier,
        String description,
        List<String> tags,
        Boolean active,
        Boolean critical,
        PreferenceSettings preferenceSettings,
        String notificationGroupId,
        List<StepRequest> steps) {

    /** Which channels a subscriber receives this workflow on by default. */
    public record PreferenceSettings(Boolean email, Boolean sms, Boolean in_app, Boolean chat, Boolean push) {
    }

    /** @param type in_app, email, sms, chat, push, digest or delay (Novu also sends it as template.type) */
    public record StepRequest(String _id, String name, String type, Boolean active, StepTemplate template) {
    }

    public record StepTemplate(String type, String subject, String content, String layoutId, String feedId) {
    }
}
