package io.tidings.template.group;

import java.time.Instant;
import java.util.UUID;

public record NotificationGroup(UUID environmentId, UUID id, String name, Instant createdAt, Instant updatedAt) {
}
