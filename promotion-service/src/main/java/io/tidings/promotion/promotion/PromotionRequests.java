package io.tidings.promotion.promotion;

import io.tidings.platform.web.ApiException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Bodies of the promote calls, and their checks. */
final class PromotionRequests {

    private PromotionRequests() {
    }

    /** {@code POST /v1/promotions}: every pending change ({@code all}) or the given ones. */
    record Promote(List<String> changeIds, Boolean all, Boolean dryRun, Boolean strictDependencies) {
    }

    /** {@code POST /v1/changes/bulk/apply}. */
    record BulkApply(List<String> changeIds, Boolean strictDependencies) {
    }

    /** {@code POST /v1/changes/{id}/apply}; the body is optional. */
    record Apply(Boolean strictDependencies) {
    }

    /** Distinct change ids, checked: present, at most {@code max}, each a UUID. */
    static List<UUID> changeIds(List<String> values, int max) {
        if (values == null || values.isEmpty()) {
            throw ApiException.badRequest("changeIds must name at least one change");
        }
        if (values.size() > max) {
            throw ApiException.badRequest("changeIds may name at most " + max + " changes, got " + values.size()
                    + "; use {\"all\": true} to promote every pending change");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (String value : values) {
            ids.add(changeId(value, "changeIds"));
        }
        return List.copyOf(ids);
    }

    static UUID changeId(String value, String field) {
        try {
            if (value == null) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + " must hold change ids (UUIDs), got '" + value + "'");
        }
    }

    /** The promote body's selection: null for all, else the ids. Exactly one of the two is allowed. */
    static List<UUID> selection(Promote body, int max) {
        boolean all = Boolean.TRUE.equals(body.all());
        if (all && body.changeIds() != null) {
            throw ApiException.badRequest("give either \"all\": true or changeIds, not both");
        }
        if (all) {
            return null;
        }
        if (body.changeIds() == null) {
            throw ApiException.badRequest("say what to promote: {\"all\": true} or {\"changeIds\": [...]}");
        }
        return changeIds(body.changeIds(), max);
    }
}
