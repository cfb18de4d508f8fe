package io.tidings.gateway.credential;

import io.tidings.platform.messaging.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health {@code credentialEvents}, part of readiness: DOWN until this replica listens to the
 * environment events, so it never serves a key whose revocation it could miss.
 * Boot hands this rebalance listener to the Kafka listener containers.
 */
@Component("credentialEventsHealthIndicator")
public class CredentialEventsReadiness implements HealthIndicator, ConsumerAwareRebalanceListener {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            if (Topics.ENVIRONMENT_EVENTS.equals(partition.topic())) {
                // Resolve the "latest" offset now (on the consumer thread), so that every event
                // published after this replica reports ready is read.
                consumer.position(partition);
                assigned.add(partition);
            }
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public Health health() {
        if (assigned.isEmpty()) {
            return Health.down().withDetail("topic", Topics.ENVIRONMENT_EVENTS)
                    .withDetail("reason", "no partitions assigned yet").build();
        }
        return Health.up().withDetail("topic", Topics.ENVIRONMENT_EVENTS)
                .withDetail("partitions", assigned.size()).build();
    }
}
