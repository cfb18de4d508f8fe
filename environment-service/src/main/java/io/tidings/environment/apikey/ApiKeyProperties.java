package io.tidings.environment.apikey;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** @param maxKeepPrevious the longest a rotated-out key may be kept working */
@ConfigurationProperties("tidings.api-keys")
public record ApiKeyProperties(Duration maxKeepPrevious) {
}
