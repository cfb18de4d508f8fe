package io.tidings.environment.brand;

/**
 * {@code PUT /v1/organizations/branding}: every field optional; a given field replaces the current
 * value, an absent (or null) one keeps it. An empty {@code logo} removes the logo.
 */
public record BrandRequest(String logo, String color, String fontColor, String contentBackground, String fontFamily) {
}
