package io.tidings.platform.web;

import org.springframework.web.reactive.function.server.ServerRequest;

/** {@code page} (from 0) and {@code limit} query parameters, validated against a maximum page size. */
public record PageRequest(int page, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    public long offset() {
        return (long) page * limit;
    }

    public static PageRequest from(ServerRequest request) {
        int page = intParam(request, "page", 0);
        int limit = intParam(request, "limit", DEFAULT_LIMIT);
        if (page < 0) {
            throw ApiException.badRequest("page must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(page, limit);
    }

    private static int intParam(ServerRequest request, String name, int fallback) {
        return request.queryParam(name).map(value -> {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be a whole number, was '" + value + "'");
            }
        }).orElse(fallback);
    }
}
