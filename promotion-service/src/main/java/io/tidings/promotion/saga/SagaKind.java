package io.tidings.promotion.saga;

import java.util.Locale;

/** Why a saga runs: all three apply pinned revisions to a target the same way. */
public enum SagaKind {
    /** Source changes to the next environment. */
    PROMOTION,
    /** A completed saga's previous target revisions, back to that target. */
    ROLLBACK,
    /** The target's content back onto the source: the source is the saga's target. */
    DISCARD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
