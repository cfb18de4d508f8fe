package io.tidings.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceProcessTest {

    @Test
    void logTailReturnsTheLastLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("svc.log");
        Files.writeString(log, "one\ntwo\nthree\nfour\n");
        ServiceProcess service = new ServiceProcess("svc", dir.resolve("svc.jar"), 1, Map.of(), log);

        assertThat(service.logTail(2)).isEqualTo("three\nfour");
        assertThat(service.logTail(10)).isEqualTo("one\ntwo\nthree\nfour");
        assertThat(ServiceProcess.tail(dir.resolve("missing.log"), 5)).isEmpty();
    }

    @Test
    void runsTheJarWithTheGivenHeap(@TempDir Path dir) {
        ServiceProcess service = new ServiceProcess("svc", dir.resolve("svc.jar"), 1, Map.of(), dir.resolve("l"));
        assertThat(service.command()).containsSubsequence("-Xmx384m", "-jar", dir.resolve("svc.jar").toString());
        assertThat(service.isAlive()).isFalse();
        service.stop(); // not started: nothing to do
        assertThatThrownBy(service::start).hasMessageContaining("no jar");
    }
}
