package io.tidings.e2e;

import io.tidings.local.LocalConfig;
import io.tidings.local.ServiceProcess;
import io.tidings.local.TidingsServices;
import io.tidings.platform.test.TestInfrastructure;
import io.tidings.platform.test.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as real processes, started once per test JVM: the service jars the build
 * just made, against the test PostgreSQL and Kafka, each on a free port.
 */
public final class TidingsSystem {

    public static final String SIGNING_KEY = "e2e-context-signing-key-0123456789abcdef";
    /** base64 of 32 fixed bytes: environment-service's key for secrets at rest, for these tests only */
    public static final String ENCRYPTION_KEY = "ZTJlLWVuY3J5cHRpb24ta2V5LTAxMjM0NTY3ODlhYmM=";
    public static final String ADMIN_TOKEN = "e2e-admin-token-" + Long.toHexString(System.nanoTime());
    /**
     * How long a saga waits for a participant before it compensates: short enough that a killed
     * participant fails its promotion within a test, long enough that one restarted at once still answers.
     */
    public static final Duration PROMOTION_STEP_TIMEOUT = Duration.ofSeconds(20);
    /** How long a killed service may take to be ready again on this (slow, shared) machine. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private static TidingsSystem instance;

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final LocalConfig config;

    private TidingsSystem() {
        Path root = Path.of(System.getProperty("tidings.root", "..")).toAbsolutePath().normalize();
        Map<String, String> ports = new HashMap<>();
        ports.put(LocalConfig.GATEWAY_PORT, String.valueOf(freePort()));
        ports.put(LocalConfig.ENVIRONMENT_PORT, String.valueOf(freePort()));
        ports.put(LocalConfig.TEMPLATE_PORT, String.valueOf(freePort()));
        ports.put(LocalConfig.SUBSCRIBER_PORT, String.valueOf(freePort()));
        ports.put(LocalConfig.PROMOTION_PORT, String.valueOf(freePort()));
        TestPostgres postgres = TestInfrastructure.postgres();
        ports.put(LocalConfig.POSTGRES_PORT, String.valueOf(postgres.port()));
        this.config = LocalConfig.from(ports, root, root);

        String version = System.getProperty("tidings.version", "0.1.0-SNAPSHOT");
        Path logs = root.resolve("e2e/target/service-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (TidingsServices.Service service : TidingsServices.ALL) {
            Path jar = TidingsServices.findJar(root, service.name(), version).orElse(null);
            if (jar == null) {
                continue; // a service of a later issue that is not built yet
            }
            if (service.database() != null) {
                postgres.createDatabase(service.database());
            }
            Map<String, String> env = TidingsServices.environmentFor(service, config, SIGNING_KEY, ADMIN_TOKEN, ENCRYPTION_KEY);
            env.put("TIDINGS_POSTGRES_HOST", postgres.host());
            env.put("TIDINGS_POSTGRES_USER", postgres.username());
            env.put("TIDINGS_POSTGRES_PASSWORD", postgres.password());
            env.put("TIDINGS_KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers());
            env.put("TIDINGS_PROMOTION_STEP_TIMEOUT", PROMOTION_STEP_TIMEOUT.toSeconds() + "s");
            env.put("TIDINGS_PROMOTION_SWEEP_INTERVAL", "200ms");
            // this machine is shared and slow: a credential lookup can outlast the 2 s meant for production
            env.put("TIDINGS_CREDENTIAL_LOOKUP_TIMEOUT", "10s");
            // the partitions of a service killed on purpose move on within 10 s, not after the default 45 s
            env.put("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "10000");
            env.put("SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS", "2000");
            ServiceProcess process = new ServiceProcess(service.name(), jar, service.port(config), env,
                    logs.resolve(service.name() + ".log"), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
            services.put(service.name(), process);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
        // start side by side (2 cores), then wait for each; the gateway waits for its event consumer too
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(TidingsSystem::awaitReady);
    }

    private static void awaitReady(ServiceProcess process) {
        try {
            process.awaitReady(READY_TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException(process.name() + " did not become ready:\n" + process.logTail(60), e);
        }
    }

    public static synchronized TidingsSystem get() {
        if (instance == null) {
            instance = new TidingsSystem();
        }
        return instance;
    }

    public String gatewayUrl() {
        return service("gateway").baseUrl();
    }

    public ServiceProcess service(String name) {
        ServiceProcess process = services.get(name);
        if (process == null) {
            throw new IllegalStateException(name + " is not part of this build");
        }
        return process;
    }

    /** SIGKILL, as a crash would: no shutdown hook runs, nothing in flight is finished. */
    public void kill(String name) {
        service(name).kill();
    }

    /** Starts killed services again on their own ports, side by side, and waits until each is ready. */
    public void restart(String... names) {
        List<ServiceProcess> processes = Arrays.stream(names).map(this::service).toList();
        processes.forEach(ServiceProcess::start);
        processes.forEach(TidingsSystem::awaitReady);
    }

    /** Stops the system if this JVM started it; called when the test plan ends, while Postgres and Kafka still run. */
    public static synchronized void shutdown() {
        if (instance != null) {
            instance.stopAll();
        }
    }

    /** Every service at once: stopping them one by one could outlast the test JVM's exit and leave orphans. */
    private void stopAll() {
        List<Thread> stopping = services.values().stream()
                .map(process -> new Thread(process::stop, "stop-" + process.name()))
                .toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
