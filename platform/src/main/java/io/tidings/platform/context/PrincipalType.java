package io.tidings.platform.context;

/** Who the gateway authenticated. */
public enum PrincipalType {
    /** A backend holding an environment's secret API key. */
    API_KEY,
    /** A browser or mobile client holding a subscriber token (reaches only its own feed). */
    SUBSCRIBER,
    /** The operator, authenticated with the admin token. No environment. */
    ADMIN,
    /** Another Tidings component (the gateway's own lookups). No environment. */
    SERVICE
}
