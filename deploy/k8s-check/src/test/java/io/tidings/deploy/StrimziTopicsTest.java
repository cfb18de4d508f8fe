package io.tidings.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.tidings.platform.messaging.Topics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/k8s/strimzi: a topic for every topic the services use, kept as long as the consumers need it. */
class StrimziTopicsTest {

    private final Manifests strimzi = Deploy.render(Deploy.STRIMZI);

    @Test
    void everyTopicOfThePlatformIsAKafkaTopic() {
        List<String> declared = strimzi.all(KafkaTopic.class).stream().map(t -> t.getSpec().getTopicName()).toList();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(Topics.all());
    }

    @Test
    void topicsThatRebuildStateAreNeverDeleted() {
        // promotion-service and subscriber-service read these from the first record (auto-offset-reset earliest)
        // to build their projections; losing old records would lose environments or content.
        assertThat(config(Topics.ENVIRONMENT_EVENTS)).containsEntry("retention.ms", -1)
                // keyed by environment: compaction would keep an environment's last key event and drop its creation
                .containsEntry("cleanup.policy", "delete");
        assertThat(config(Topics.CONTENT_REVISIONS)).containsEntry("retention.ms", -1)
                // each record carries the whole content and its hash: the latest per (environment, type, key) is enough
                .containsEntry("cleanup.policy", "compact");
    }

    @Test
    void everyTopicBelongsToTheClusterAndFitsIt() {
        Kafka kafka = strimzi.all(Kafka.class).get(0);
        int brokers = strimzi.all(KafkaNodePool.class).stream()
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas())
                .sum();
        List<String> problems = new ArrayList<>();
        for (KafkaTopic topic : strimzi.all(KafkaTopic.class)) {
            String name = topic.getSpec().getTopicName();
            if (!kafka.getMetadata().getName().equals(topic.getMetadata().getLabels().get("strimzi.io/cluster"))) {
                problems.add(name + " is not labelled strimzi.io/cluster: " + kafka.getMetadata().getName());
            }
            int replicas = topic.getSpec().getReplicas();
            Object minIsr = topic.getSpec().getConfig().get("min.insync.replicas");
            if (replicas > brokers || !(minIsr instanceof Integer isr) || isr >= replicas) {
                // producers use acks=all: min.insync.replicas must leave room to lose a broker
                problems.add(name + ": " + replicas + " replicas, min.insync.replicas " + minIsr + ", " + brokers + " brokers");
            }
            if (topic.getSpec().getPartitions() < 1) {
                problems.add(name + " needs partitions");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theOverlaysFindTheStrimziCluster() {
        Kafka kafka = strimzi.all(Kafka.class).get(0);
        GenericKafkaListener plain = kafka.getSpec().getKafka().getListeners().stream()
                .filter(l -> !l.isTls()).findFirst().orElseThrow();
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap";
        // base and dev: the cluster in the same namespace; prod: in namespace kafka
        assertThat(bootstrapServers(Deploy.BASE)).isEqualTo(bootstrap + ":" + plain.getPort());
        assertThat(bootstrapServers(Deploy.DEV)).isEqualTo(bootstrap + ":" + plain.getPort());
        assertThat(bootstrapServers(Deploy.PROD)).isEqualTo(bootstrap + ".kafka.svc:" + plain.getPort());
    }

    private Map<String, Object> config(String topic) {
        return strimzi.all(KafkaTopic.class).stream()
                .filter(t -> t.getSpec().getTopicName().equals(topic))
                .findFirst().orElseThrow()
                .getSpec().getConfig();
    }

    private static String bootstrapServers(String dir) {
        Manifests manifests = Deploy.render(dir);
        Deployment gateway = manifests.find(Deployment.class, "gateway").orElseThrow();
        return Manifests.value(manifests.environment(gateway).get("TIDINGS_KAFKA_BOOTSTRAP_SERVERS")).orElseThrow();
    }
}
