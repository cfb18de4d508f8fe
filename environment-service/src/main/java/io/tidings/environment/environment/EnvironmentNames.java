package io.tidings.environment.environment;

import io.tidings.platform.web.ApiException;

/** Names of organizations and environments: trimmed, 1 to 64 characters, no control characters. */
public final class EnvironmentNames {

    public static final int MAX_LENGTH = 64;

    private EnvironmentNames() {
    }

    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        String name = value.strip();
        if (name.length() > MAX_LENGTH) {
            throw ApiException.badRequest(field + " must be at most " + MAX_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(field + " must not contain control characters");
        }
        return name;
    }
}
