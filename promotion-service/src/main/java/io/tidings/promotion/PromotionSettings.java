package io.tidings.promotion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code tidings.promotion.*} settings.
 *
 * @param pendingMetricInterval how often tidings_changes_pending is recomputed
 * @param stepTimeout           how long a saga waits for a participant's reply before it compensates
 * @param sweepInterval         how often overdue sagas are looked for
 * @param stepMaxItems          the most items one ApplyChanges carries
 * @param stepMaxBytes          about the most content bytes one ApplyChanges carries (Kafka's limit is 1 MiB)
 * @param stepsInFlight         how many steps are sent before their replies come back (1: strictly one at a time)
 * @param maxChangeIds          the most change ids one request may name; "all" has no limit
 */
@ConfigurationProperties("tidings.promotion")
public record PromotionSettings(@DefaultValue("30s") Duration pendingMetricInterval,
                                @DefaultValue("30s") Duration stepTimeout,
                                @DefaultValue("1s") Duration sweepInterval,
                                @DefaultValue("500") int stepMaxItems,
                                @DefaultValue("524288") int stepMaxBytes,
                                @DefaultValue("4") int stepsInFlight,
                                @DefaultValue("1000") int maxChangeIds) {
}
