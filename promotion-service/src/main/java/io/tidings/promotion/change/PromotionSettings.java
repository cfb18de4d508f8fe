package io.tidings.promotion.change;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** {@code tidings.promotion.*} settings. */
@ConfigurationProperties("tidings.promotion")
public record PromotionSettings(@DefaultValue("30s") Duration pendingMetricInterval) {
}
