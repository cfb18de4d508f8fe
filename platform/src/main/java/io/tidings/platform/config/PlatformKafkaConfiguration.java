package io.tidings.platform.config;

import io.tidings.platform.messaging.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the shared topics at start-up when {@code tidings.kafka.create-topics} allows it, so no
 * consumer starts on a topic that does not exist yet. In production an operator owns the topics.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "tidings.kafka.create-topics", havingValue = "true")
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformKafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics tidingsTopics(PlatformProperties properties) {
        int partitions = properties.kafka().partitions();
        short replicas = properties.kafka().replicationFactor();
        return new KafkaAdmin.NewTopics(Topics.all().stream()
                .map(name -> TopicBuilder.name(name).partitions(partitions).replicas(replicas).build())
                .toArray(NewTopic[]::new));
    }
}
