package io.tidings.environment.widget;

/** @param valid whether a widget session may open; @param hmacRequired whether this environment demands the hash */
public record WidgetVerification(boolean valid, boolean hmacRequired) {
}
