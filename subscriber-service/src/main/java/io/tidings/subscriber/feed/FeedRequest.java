package io.tidings.subscriber.feed;

/** {@code name} required; {@code identifier} derived from the name when absent. */
public record FeedRequest(String name, String identifier) {
}
