package io.tidings.platform.content;

/** The kinds of promotable content and the service that owns each. */
public final class ContentTypes {

    public static final String WORKFLOW = "workflow";
    public static final String NOTIFICATION_GROUP = "notification_group";
    public static final String LAYOUT = "layout";
    public static final String FEED = "feed";
    public static final String BRAND = "brand";

    private ContentTypes() {
    }
}
