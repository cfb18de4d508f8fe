package io.tidings.environment.widget;

public record WidgetSettingsRequest(Boolean hmacRequired) {
}
