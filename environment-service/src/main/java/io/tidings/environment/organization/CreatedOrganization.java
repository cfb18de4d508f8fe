package io.tidings.environment.organization;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidings.environment.environment.EnvironmentView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The answer to creating an organization: its environments, each with its secret key, shown this once. */
public record CreatedOrganization(
        @JsonProperty("_id") UUID id,
        String name,
        Instant createdAt,
        List<EnvironmentView> environments) {
}
