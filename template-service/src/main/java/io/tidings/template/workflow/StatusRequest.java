package io.tidings.template.workflow;

public record StatusRequest(Boolean active) {
}
