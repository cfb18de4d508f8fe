package io.tidings.platform.context;

/**
 * Where an environment sits in its organization's promotion chain.
 * DEVELOPMENT is the root (no source), PRODUCTION the end (no target), CUSTOM anything inserted between.
 */
public enum EnvironmentKind {
    DEVELOPMENT, CUSTOM, PRODUCTION
}
