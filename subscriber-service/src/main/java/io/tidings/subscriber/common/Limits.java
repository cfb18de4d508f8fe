package io.tidings.subscriber.common;

import io.tidings.platform.web.ApiException;

import java.util.UUID;

/** Limits and ids, so every refusal names the field and the limit. */
public final class Limits {

    public static final int NAME = 128;

    private Limits() {
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

    public static UUID parseId(String field, String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest(field + " is not a valid id: " + value);
        }
    }

    /** An id in a path that cannot exist here is simply not found. */
    public static UUID pathId(String what, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what + " " + value + " not found");
        }
    }
}
