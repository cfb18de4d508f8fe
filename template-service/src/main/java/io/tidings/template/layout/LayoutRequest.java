package io.tidings.template.layout;

/** Create (name and content required) or patch (every field optional). */
public record LayoutRequest(String name, String identifier, String description, String content, Boolean isDefault) {
}
