package io.tidings.platform.web;

import java.util.List;

/** A page of a list, as Novu returns it: {@code data} plus where the page sits in the whole. */
public record PageEnvelope<T>(List<T> data, int page, int pageSize, long totalCount, boolean hasMore) {

    public static <T> PageEnvelope<T> of(List<T> data, PageRequest request, long totalCount) {
        boolean hasMore = (long) (request.page() + 1) * request.limit() < totalCount;
        return new PageEnvelope<>(data, request.page(), request.limit(), totalCount, hasMore);
    }
}
