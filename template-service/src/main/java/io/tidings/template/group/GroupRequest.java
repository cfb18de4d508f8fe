package io.tidings.template.group;

public record GroupRequest(String name) {
}
