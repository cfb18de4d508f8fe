package io.tidings.environment.organization;

public record CreateOrganizationRequest(String name) {
}
