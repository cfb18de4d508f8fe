package io.tidings.platform.content;

/** The kinds of promotable content and the service that owns each. */
public final class ContentTypes {

    public static final String WORKFLOW = "workflow";
    public static final String NOTIFICATION_GROUP = "notification_group";
    public static final String LAYOUT = "layout";
    public static final String FEED = "feed";
    public static final String BRAND = "brand";

    /** Every promotable type. */
    public static final java.util.List<String> ALL = java.util.List.of(WORKFLOW, NOTIFICATION_GROUP, LAYOUT, FEED, BRAND);

    private ContentTypes() {
    }

    /**
     * The service that owns the type: the name in its promotion command topic
     * ({@code Topics.promotionCommands}); null for a type no service owns.
     */
    public static String owner(String type) {
        return switch (type) {
            case WORKFLOW, NOTIFICATION_GROUP, LAYOUT -> "template";
            case FEED -> "subscriber";
            case BRAND -> "environment";
            default -> null;
        };
    }
}
