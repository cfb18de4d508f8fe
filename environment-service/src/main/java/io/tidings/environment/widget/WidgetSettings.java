package io.tidings.environment.widget;

/**
 * An environment's client-side settings.
 *
 * @param widgetSecret the HMAC key of subscriber hashes: 64 lowercase hex characters, used as the UTF-8 bytes of this string
 * @param hmacRequired whether a widget session needs a valid {@code hmacHash}; false is possible only in Development
 */
public record WidgetSettings(String widgetSecret, boolean hmacRequired) {
}
