package io.tidings.gateway.widget;

import java.util.Locale;

/** Which paths belong to the widget API, the only one a subscriber token reaches. */
public final class WidgetPaths {

    public static final String PREFIX = "/v1/widgets";
    /** Answered by the gateway itself ({@link WidgetSessionHandler}), with no credential. */
    public static final String SESSION_INITIALIZE = PREFIX + "/session/initialize";

    private WidgetPaths() {
    }

    /**
     * True for {@code /v1/widgets} and below. A path that could mean another route once a server
     * normalizes it (dot segments, encoded slashes or backslashes) is never a widget path.
     */
    public static boolean isWidgetPath(String rawPath) {
        if (rawPath == null || !(rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/"))) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\") || lower.contains("%2e")) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
