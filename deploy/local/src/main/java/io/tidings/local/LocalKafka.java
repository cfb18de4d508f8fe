package io.tidings.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) running as a child JVM from the
 * {@code kafka_2.13} jars. Its configuration, metadata and logs live in one directory, so topics and offsets
 * survive restarts; the storage is formatted only the first time.
 */
public final class LocalKafka {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final Path dir;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private volatile Process process;

    /**
     * @param dir            holds server.properties, logback.xml and the log dirs ({@code dir/data})
     * @param logFile        where the broker's output goes
     * @param port           the PLAINTEXT client port
     * @param controllerPort the KRaft controller port
     * @param classpath      a class path holding kafka_2.13 and its runtime dependencies (including an SLF4J backend)
     */
    public LocalKafka(Path dir, Path logFile, int port, int controllerPort, String classpath) {
        this.dir = dir.toAbsolutePath();
        this.logFile = logFile.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path logDir() {
        return dir.resolve("data");
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The broker configuration: one node that is both broker and controller, made for a single developer machine. */
    public static String renderServerProperties(int port, int controllerPort, Path logDir) {
        return String.join("\n",
                "# Written by the Tidings local launcher on every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                "log.dirs=" + logDir.toAbsolutePath().toString().replace("\\", "/"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /** INFO for the broker, WARN for its chattiest internals; to stdout, which goes to the log file. */
    public static String renderLogbackXml() {
        return """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka.clients" level="WARN"/>
                  <logger name="org.apache.kafka.common.config" level="WARN"/>
                  <logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
    }

    /** Whether the log dir already holds a formatted KRaft storage. */
    public boolean isFormatted() {
        return Files.isRegularFile(logDir().resolve("meta.properties"));
    }

    /** Writes the configuration, formats the storage if needed and starts the broker; see {@link #awaitReady}. */
    public synchronized LocalKafka start() {
        if (isAlive()) {
            throw new IllegalStateException("Kafka is already running");
        }
        try {
            Files.createDirectories(logDir());
            Files.createDirectories(logFile.getParent());
            Path properties = dir.resolve("server.properties");
            Files.writeString(properties, renderServerProperties(port, controllerPort, logDir()), StandardCharsets.UTF_8);
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, renderLogbackXml(), StandardCharsets.UTF_8);
            if (!isFormatted()) {
                String clusterId = Uuid.randomUuid().toString();
                note("formatting " + logDir() + " for cluster " + clusterId);
                Process format = launch("kafka.tools.StorageTool", "format",
                        "--cluster-id", clusterId, "--config", properties.toString(), "--standalone");
                if (!format.waitFor(120, TimeUnit.SECONDS)) {
                    format.destroyForcibly();
                    throw new IllegalStateException("formatting Kafka storage did not finish in 120 s; see " + logFile);
                }
                if (format.exitValue() != 0) {
                    throw new IllegalStateException("formatting Kafka storage failed (exit " + format.exitValue()
                            + "):\n" + ServiceProcess.tail(logFile, 30));
                }
            }
            note("starting broker on " + bootstrapServers());
            process = launch("kafka.Kafka", properties.toString());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    /** Waits until the broker accepts connections and answers describeCluster. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (true) {
            Process p = process;
            if (p == null) {
                throw new IllegalStateException("Kafka was not started");
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("Kafka exited with code " + p.exitValue() + " before it was ready");
            }
            if (portOpen(port)) {
                try (Admin admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes().get(6, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for Kafka", e);
                    }
                }
            } else {
                last = "port " + port + " not accepting connections";
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka was not ready on " + bootstrapServers() + " within "
                        + timeout.toSeconds() + " s (" + last + ")");
            }
            ServiceProcess.sleep(Duration.ofMillis(500));
        }
    }

    /** SIGTERM (Kafka flushes and closes its logs), then SIGKILL after 30 s. */
    public synchronized void stop() {
        ServiceProcess.stopGracefully(process, GRACEFUL_STOP);
    }

    public String logTail(int lines) {
        return ServiceProcess.tail(logFile, lines);
    }

    private Process launch(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ServiceProcess.javaExecutable(),
                "-Xms128m", "-Xmx512m",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp", classpath,
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(ServiceProcess.nullDevice()))
                .start();
    }

    private void note(String message) throws IOException {
        Files.writeString(logFile, "\n=== " + Instant.now() + " " + message + " ===\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
