package io.tidings.local;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LocalKafkaTest {

    @Test
    void rendersASingleNodeKraftBrokerAndController() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(LocalKafka.renderServerProperties(20092, 20093, Path.of("/data/kafka/data"))));

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("node.id")).isEqualTo("1");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://localhost:20092,CONTROLLER://localhost:20093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://localhost:20092");
        assertThat(p.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        // a dynamic quorum, formatted with --standalone; static controller.quorum.voters would conflict with it
        assertThat(p.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("localhost:20093");
        assertThat(p.getProperty("controller.quorum.voters")).isNull();
        assertThat(p.getProperty("log.dirs")).isEqualTo("/data/kafka/data");
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(p.getProperty("num.partitions")).isEqualTo("3");
    }
}
