package io.tidings.environment.brand;

import io.tidings.platform.web.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The brand's content as a revision holds it: {@code logo} (http(s) URL or null), {@code color},
 * {@code fontColor}, {@code contentBackground} (CSS {@code #rgb} or {@code #rrggbb}, stored
 * lowercase) and {@code fontFamily} (a CSS font list, at most 128 characters).
 */
public final class BrandContent {

    public static final String NAME = "Brand";
    public static final int MAX_LOGO = 2_048;
    public static final int MAX_FONT_FAMILY = 128;

    static final String DEFAULT_COLOR = "#f47373";
    static final String DEFAULT_FONT_COLOR = "#000000";
    static final String DEFAULT_CONTENT_BACKGROUND = "#ffffff";
    static final String DEFAULT_FONT_FAMILY = "Helvetica, Arial, sans-serif";

    private static final Pattern COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    // a font list goes into email CSS: no ; { } < > or backslash that could end the declaration
    private static final Pattern FONT_FAMILY = Pattern.compile("[\\p{L}\\p{N} ,'\"._-]+");

    private BrandContent() {
    }

    /** The brand's stable key: the same in every environment of the organization. */
    public static UUID keyFor(UUID organizationId) {
        return UUID.nameUUIDFromBytes(("tidings:brand:" + organizationId).getBytes(StandardCharsets.UTF_8));
    }

    /** What an environment's brand is before anyone saved one. */
    public static ObjectNode defaults() {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.putNull("logo");
        content.put("color", DEFAULT_COLOR);
        content.put("fontColor", DEFAULT_FONT_COLOR);
        content.put("contentBackground", DEFAULT_CONTENT_BACKGROUND);
        content.put("fontFamily", DEFAULT_FONT_FAMILY);
        return content;
    }

    /** The current content with the request's fields applied, each validated. */
    static ObjectNode patched(ObjectNode current, BrandRequest request) {
        ObjectNode content = current.deepCopy();
        if (request.logo() != null) {
            String logo = logo(request.logo());
            if (logo == null) {
                content.putNull("logo");
            } else {
                content.put("logo", logo);
            }
        }
        if (request.color() != null) {
            content.put("color", color("color", request.color()));
        }
        if (request.fontColor() != null) {
            content.put("fontColor", color("fontColor", request.fontColor()));
        }
        if (request.contentBackground() != null) {
            content.put("contentBackground", color("contentBackground", request.contentBackground()));
        }
        if (request.fontFamily() != null) {
            content.put("fontFamily", fontFamily(request.fontFamily()));
        }
        return content;
    }

    /** Content arriving by promotion: the same fields and rules as a request. */
    static ObjectNode validated(JsonNode content) {
        if (content == null || !content.isObject()) {
            throw ApiException.badRequest("brand content must be an object");
        }
        for (String field : content.propertyNames()) {
            if (!defaults().has(field)) {
                throw ApiException.badRequest("brand content has an unknown field '" + field + "'");
            }
        }
        return patched(defaults(), new BrandRequest(
                content.path("logo").isNull() ? "" : content.path("logo").asString(null),
                content.path("color").asString(null), content.path("fontColor").asString(null),
                content.path("contentBackground").asString(null), content.path("fontFamily").asString(null)));
    }

    private static String logo(String value) {
        String logo = value.strip();
        if (logo.isEmpty()) {
            return null;
        }
        if (logo.length() > MAX_LOGO) {
            throw ApiException.badRequest("logo must be at most " + MAX_LOGO + " characters");
        }
        try {
            URI uri = new URI(logo);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw ApiException.badRequest("logo must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("logo is not a valid URL: " + e.getReason());
        }
        return logo;
    }

    private static String color(String field, String value) {
        String color = value.strip();
        if (!COLOR.matcher(color).matches()) {
            throw ApiException.badRequest(field + " must be a CSS hex color, #rgb or #rrggbb; was '" + value + "'");
        }
        return color.toLowerCase(Locale.ROOT);
    }

    private static String fontFamily(String value) {
        String font = value.strip();
        if (font.isEmpty()) {
            throw ApiException.badRequest("fontFamily must not be blank");
        }
        if (font.length() > MAX_FONT_FAMILY) {
            throw ApiException.badRequest("fontFamily must be at most " + MAX_FONT_FAMILY + " characters");
        }
        if (!FONT_FAMILY.matcher(font).matches()) {
            throw ApiException.badRequest("fontFamily may hold letters, digits, spaces, commas, quotes, '.', '_' and '-' only");
        }
        return font;
    }
}
