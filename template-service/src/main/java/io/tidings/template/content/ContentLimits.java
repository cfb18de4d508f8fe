package io.tidings.template.content;

import io.tidings.platform.web.ApiException;

/** How large content may be, so every limit is stated once and in every refusal. */
public final class ContentLimits {

    public static final int NAME = 128;
    public static final int DESCRIPTION = 1_000;
    public static final int SUBJECT = 1_000;
    /** A step's or a layout's template body: 64 KiB of characters. */
    public static final int TEMPLATE = 65_536;
    public static final int STEPS = 20;
    public static final int TAGS = 20;
    public static final int TAG = 64;

    private ContentLimits() {
    }

    public static String text(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            throw ApiException.badRequest(field + " is " + value.length() + " characters; the limit is " + limit);
        }
        return value;
    }

    public static String requiredText(String field, String value, int limit) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return text(field, value.strip(), limit);
    }
}
