package io.tidings.environment.widget;

import java.util.UUID;

/** The gateway's question: does this hash open a widget session for this subscriber here? */
public record WidgetVerifyRequest(UUID environmentId, String subscriberId, String hmacHash) {
}
