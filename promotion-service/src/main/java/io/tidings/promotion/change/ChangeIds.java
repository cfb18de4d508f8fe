package io.tidings.promotion.change;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The stable id of a change: a name-based UUID of (source environment, type, key). */
public final class ChangeIds {

    private ChangeIds() {
    }

    public static UUID of(UUID sourceEnvironmentId, String type, UUID key) {
        return UUID.nameUUIDFromBytes(("change:" + sourceEnvironmentId + ":" + type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
