package io.tidings.subscriber.common;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * subscriber-service's own settings ({@code tidings.subscriber.*}); defaults and environment
 * variables in application.yaml.
 *
 * @param environmentServiceUri    where {@code GET /internal/integrations/active} is asked
 * @param integrationLookupTimeout how long that lookup may take before the step fails
 * @param webhookTimeout           how long one webhook attempt may take
 * @param webhookAttempts          attempts per webhook delivery, the first included
 * @param webhookBackoff           first wait between attempts (doubles each time, with jitter)
 * @param maxRecipients            most recipients in one trigger's {@code to}
 * @param maxBulkEvents            most events in one bulk trigger
 * @param maxPayloadBytes          largest trigger payload, serialized as JSON
 */
@ConfigurationProperties("tidings.subscriber")
public record SubscriberSettings(URI environmentServiceUri, Duration integrationLookupTimeout, Duration webhookTimeout,
                                 int webhookAttempts, Duration webhookBackoff, int maxRecipients, int maxBulkEvents,
                                 int maxPayloadBytes) {
}
