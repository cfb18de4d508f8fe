package io.tidings.environment.environment;

/** @param parentId the environment the new one is promoted from (its source) */
public record CreateEnvironmentRequest(String name, String parentId) {
}
