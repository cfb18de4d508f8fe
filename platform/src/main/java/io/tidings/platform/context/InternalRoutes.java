package io.tidings.platform.context;

/**
 * Paths of environment-service's internal credential lookup. The gateway calls them with a
 * SERVICE context it signs itself; the gateway never routes {@code /internal/**} from outside.
 */
public final class InternalRoutes {

    /** GET, followed by the lowercase hex SHA-256 of the secret key. */
    public static final String API_KEY_LOOKUP = "/internal/credentials/api-keys/";
    /** GET, followed by the public application identifier. */
    public static final String APPLICATION_LOOKUP = "/internal/credentials/applications/";

    private InternalRoutes() {
    }
}
