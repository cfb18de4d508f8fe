package io.tidings.template.content;

import io.tidings.platform.web.ApiException;

import java.util.UUID;

/** Ids in paths and bodies: a malformed one is a 400 that names the field, never a 500. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String field, String value) {
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
