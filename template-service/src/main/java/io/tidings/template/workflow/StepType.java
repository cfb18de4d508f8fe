package io.tidings.template.workflow;

import io.tidings.platform.web.ApiException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of step a workflow can have, by their API names. */
public enum StepType {
    IN_APP("in_app"), EMAIL("email"), SMS("sms"), CHAT("chat"), PUSH("push"), DIGEST("digest"), DELAY("delay");

    private final String api;

    StepType(String api) {
        this.api = api;
    }

    public String api() {
        return api;
    }

    /** Digest and delay only wait or batch: they carry no message. */
    public boolean hasMessage() {
        return this != DIGEST && this != DELAY;
    }

    public static StepType parse(String field, String value) {
        if (value == null) {
            throw ApiException.badRequest(field + " is required: one of " + names());
        }
        return Arrays.stream(values()).filter(t -> t.api.equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest(field + " '" + value + "' is not a step type: use one of " + names()));
    }

    private static String names() {
        return Arrays.stream(values()).map(StepType::api).collect(Collectors.joining(", "));
    }
}
