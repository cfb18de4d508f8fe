package io.tidings.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the whole of Tidings on one machine: PostgreSQL, a KRaft Kafka broker and every service jar that has been
 * built, each as a child process; seeds a demo organization once; prints where everything is; stops it all on
 * Ctrl-C. Started by {@code deploy/local/run.sh}.
 */
public final class LocalTidings {

    /** Marks a directory as a Tidings data dir, so {@code --fresh} never wipes anything else. */
    static final String MARKER = ".tidings-data-dir";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(90);

    private final LocalConfig config;
    private final boolean fresh;
    private final Map<String, String> env;
    private final PrintStream out = System.out;

    private final Object lock = new Object();
    private boolean stopping;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private final List<ServiceProcess> services = new ArrayList<>();

    LocalTidings(LocalConfig config, boolean fresh, Map<String, String> env) {
        this.config = config;
        this.fresh = fresh;
        this.env = env;
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tidings-local-logback.xml");
        }
        boolean fresh = false;
        for (String arg : args) {
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "-h", "--help" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    System.err.println("Unknown argument: " + arg);
                    usage(System.err);
                    System.exit(2);
                }
            }
        }
        int status;
        try {
            Path cwd = Path.of("").toAbsolutePath();
            LocalConfig config = LocalConfig.from(System.getenv(), repoRoot(cwd), cwd);
            status = new LocalTidings(config, fresh, System.getenv()).run();
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: " + e.getMessage());
            status = 2;
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    private static void usage(PrintStream stream) {
        stream.println("""
                Usage: deploy/local/run.sh [--fresh]
                  --fresh   delete the data directory first (databases, Kafka topics, demo keys, signing and encryption keys)
                Settings come from TIDINGS_* environment variables; see README.md.""");
    }

    /** Starts everything and blocks until the JVM is asked to stop; returns non-zero if startup failed. */
    int run() {
        try {
            List<Start> starts = new ArrayList<>();
            String version = Optional.ofNullable(LocalTidings.class.getPackage().getImplementationVersion())
                    .orElse("0.1.0-SNAPSHOT");
            for (TidingsServices.Service service : TidingsServices.ALL) {
                TidingsServices.findJar(config.repoRoot(), service.name(), version)
                        .ifPresent(jar -> starts.add(new Start(service, jar)));
            }
            checkPortsFree(starts);
            prepareDataDir();
            String signingKey = LocalSecrets.signingKey(env, config.dataDir());
            String encryptionKey = LocalSecrets.encryptionKey(env, config.dataDir());
            String adminToken = LocalSecrets.adminTokenFromEnv(env);
            boolean generatedToken = adminToken == null;
            if (generatedToken) {
                adminToken = LocalSecrets.randomSecret();
            }

            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "tidings-local-shutdown"));

            out.println("Data directory: " + config.dataDir() + (fresh ? " (fresh)" : ""));
            out.println("Starting PostgreSQL on port " + config.postgresPort() + " ...");
            LocalPostgres pg = new LocalPostgres(config.dataDir().resolve("postgres"), config.postgresPort(),
                    config.logsDir().resolve("postgres.log"));
            register(() -> postgres = pg);
            pg.start();
            pg.createDatabases(TidingsServices.databases());

            out.println("Starting Kafka on " + config.kafkaBootstrapServers() + " ...");
            LocalKafka broker = new LocalKafka(config.dataDir().resolve("kafka"), config.logsDir().resolve("kafka.log"),
                    config.kafkaPort(), config.kafkaControllerPort(), kafkaClasspath());
            register(() -> kafka = broker);
            broker.start();
            try {
                broker.awaitReady(KAFKA_TIMEOUT);
            } catch (IllegalStateException e) {
                return fail(e.getMessage(), broker.logTail(40), config.logsDir().resolve("kafka.log"));
            }

            if (starts.isEmpty()) {
                out.println("No service jar found (looked for <service>/target/<service>-" + version
                        + ".jar under " + config.repoRoot() + "); build them with ./mvnw -DskipTests install.");
            }
            for (Start start : starts) {
                // run a copy, so rebuilding the module while Tidings runs cannot pull the jar from under the JVM
                Path jarCopy = config.dataDir().resolve("jars").resolve(start.jar().getFileName());
                Files.createDirectories(jarCopy.getParent());
                Files.copy(start.jar(), jarCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                ServiceProcess process = new ServiceProcess(start.service().name(), jarCopy,
                        start.service().port(config),
                        TidingsServices.environmentFor(start.service(), config, signingKey, adminToken, encryptionKey),
                        config.logsDir().resolve(start.service().name() + ".log"));
                out.println("Starting " + process.name() + " on port " + process.port() + " ...");
                register(() -> services.add(process));
                process.start();
                try {
                    process.awaitReady(config.startupTimeout());
                } catch (IllegalStateException e) {
                    return fail(e.getMessage(), process.logTail(60), process.logFile());
                }
            }

            boolean gatewayRunning = starts.stream().anyMatch(s -> s.service().name().equals(TidingsServices.GATEWAY));
            DemoSeed.Demo demo = gatewayRunning ? demo(adminToken) : null;
            printSummary(adminToken, generatedToken, gatewayRunning, demo);
            watch();
            return 0;
        } catch (Stopping e) {
            return 130;
        } catch (Exception e) {
            if (isStopping()) {
                return 130;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            System.err.println();
            System.err.println("Tidings did not start: " + message);
            if (e.getCause() != null) {
                System.err.println("  caused by: " + e.getCause());
            }
            stopAll();
            return 1;
        }
    }

    private record Start(TidingsServices.Service service, Path jar) {
    }

    /** Thrown when Ctrl-C arrives while starting up. */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    /** Records a component before it starts, unless shutdown has begun (then nothing new is started). */
    private void register(Runnable registration) {
        synchronized (lock) {
            if (stopping) {
                throw new Stopping();
            }
            registration.run();
        }
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    private int fail(String message, String tail, Path logFile) {
        if (isStopping()) {
            return 130; // Ctrl-C during startup: the shutdown hook is stopping everything
        }
        System.err.println();
        System.err.println("Tidings did not start: " + message);
        System.err.println("---- last lines of " + logFile + " ----");
        System.err.println(tail);
        System.err.println("----");
        stopAll();
        return 1;
    }

    /** Services (gateway first), then Kafka, then PostgreSQL. Safe to call more than once. */
    void stopAll() {
        List<ServiceProcess> toStop;
        LocalKafka broker;
        LocalPostgres pg;
        synchronized (lock) {
            if (stopping && services.isEmpty() && kafka == null && postgres == null) {
                return;
            }
            stopping = true;
            toStop = new ArrayList<>(services);
            services.clear();
            broker = kafka;
            kafka = null;
            pg = postgres;
            postgres = null;
        }
        if (toStop.isEmpty() && broker == null && pg == null) {
            return;
        }
        System.out.println();
        System.out.println("Stopping Tidings ...");
        for (int i = toStop.size() - 1; i >= 0; i--) {
            ServiceProcess service = toStop.get(i);
            try {
                service.stop();
            } catch (RuntimeException e) {
                System.err.println("could not stop " + service.name() + ": " + e.getMessage());
            }
        }
        if (broker != null) {
            try {
                broker.stop();
            } catch (RuntimeException e) {
                System.err.println("could not stop Kafka: " + e.getMessage());
            }
        }
        if (pg != null) {
            pg.stop();
        }
        System.out.println("Stopped.");
    }

    /** Blocks for good, reporting any child that exits on its own. */
    private void watch() {
        List<String> reported = new ArrayList<>();
        while (true) {
            ServiceProcess.sleep(Duration.ofSeconds(2));
            synchronized (lock) {
                if (stopping) {
                    continue;
                }
                for (ServiceProcess service : services) {
                    if (!service.isAlive() && !reported.contains(service.name())) {
                        reported.add(service.name());
                        System.err.println(service.name() + " has exited; see " + service.logFile());
                    }
                }
                if (kafka != null && !kafka.isAlive() && !reported.contains("kafka")) {
                    reported.add("kafka");
                    System.err.println("Kafka has exited; see " + config.logsDir().resolve("kafka.log"));
                }
            }
        }
    }

    private DemoSeed.Demo demo(String adminToken) throws IOException {
        DemoSeed.Demo saved = DemoSeed.load(config.dataDir());
        if (saved != null) {
            return saved;
        }
        out.println("Seeding the demo organization ...");
        try {
            DemoSeed.Demo demo = DemoSeed.seed(config.gatewayUrl(), adminToken, "Demo");
            DemoSeed.save(config.dataDir(), demo);
            return demo;
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not seed the demo organization (Tidings keeps running): " + e.getMessage());
            return null;
        }
    }

    private void printSummary(String adminToken, boolean generatedToken, boolean gatewayRunning, DemoSeed.Demo demo) {
        out.println();
        out.println("PostgreSQL:  localhost:" + config.postgresPort() + " (user postgres, password postgres)");
        out.println("Kafka:       " + config.kafkaBootstrapServers());
        out.println("Logs:        " + config.logsDir());
        synchronized (lock) {
            for (ServiceProcess service : services) {
                out.printf("%-20s %s%n", service.name() + ":", service.baseUrl());
            }
        }
        if (!gatewayRunning) {
            out.println();
            out.println("No gateway jar found, so there is no API to call and no demo organization was seeded.");
            out.println("Tidings infrastructure is ready (PostgreSQL localhost:" + config.postgresPort()
                    + ", Kafka " + config.kafkaBootstrapServers() + "). Ctrl-C stops it.");
            return;
        }
        out.println();
        out.println("Gateway:     " + config.gatewayUrl());
        out.println("Admin token: " + adminToken + (generatedToken
                ? "   (generated for this run; set TIDINGS_ADMIN_TOKEN to choose your own)" : ""));
        if (demo != null && !demo.environments().isEmpty()) {
            out.println();
            out.println("Demo organization \"" + demo.organizationName() + "\"" +
                    (demo.organizationId() == null ? "" : " (" + demo.organizationId() + ")")
                    + ", keys kept in " + config.dataDir().resolve(DemoSeed.FILE) + ":");
            for (DemoSeed.DemoEnvironment e : demo.environments()) {
                out.println("  " + e.name());
                out.println("    Application Identifier: " + e.identifier());
                out.println("    Secret key:             " + e.apiKey());
            }
            DemoSeed.DemoEnvironment dev = demo.development();
            out.println();
            out.println("Try:");
            out.println("  curl -H \"Authorization: ApiKey " + dev.apiKey() + "\" " + config.gatewayUrl()
                    + "/v1/environments/me");
        }
        out.println();
        out.println("Tidings is ready at " + config.gatewayUrl());
        out.flush();
    }

    private void prepareDataDir() throws IOException {
        Path dir = config.dataDir();
        if (fresh && Files.exists(dir)) {
            if (!Files.exists(dir.resolve(MARKER)) && !isEmptyDir(dir)) {
                throw new IllegalStateException("--fresh refuses to delete " + dir
                        + ": it is not empty and was not created by the Tidings launcher (no " + MARKER + " file)");
            }
            deleteRecursively(dir);
        }
        Files.createDirectories(config.logsDir());
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "Data of the Tidings local launcher (deploy/local/run.sh); --fresh deletes it all.\n");
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Fails early, with the variable to change, when a port is taken or used twice. */
    private void checkPortsFree(List<Start> starts) {
        Map<Integer, String> ports = new HashMap<>();
        List<String> problems = new ArrayList<>();
        claim(ports, problems, config.postgresPort(), LocalConfig.POSTGRES_PORT);
        claim(ports, problems, config.kafkaPort(), LocalConfig.KAFKA_PORT);
        claim(ports, problems, config.kafkaControllerPort(), LocalConfig.KAFKA_CONTROLLER_PORT + " (default "
                + LocalConfig.KAFKA_PORT + "+1)");
        for (Start start : starts) {
            claim(ports, problems, start.service().port(config), start.service().name() + " port");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems)
                    + ". Is Tidings already running? Otherwise choose other ports with the TIDINGS_*_PORT variables.");
        }
    }

    private static void claim(Map<Integer, String> ports, List<String> problems, int port, String what) {
        String other = ports.putIfAbsent(port, what);
        if (other != null) {
            problems.add(what + " and " + other + " are both " + port);
        } else if (!isFree(port)) {
            problems.add("port " + port + " (" + what + ") is in use");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** target/lib next to the launcher jar (or classes dir); else this JVM's own class path. */
    private static String kafkaClasspath() {
        Optional<Path> home = codeLocation();
        if (home.isPresent()) {
            Path lib = home.get().getParent().resolve("lib");
            if (Files.isDirectory(lib)) {
                return lib + java.io.File.separator + "*";
            }
        }
        return System.getProperty("java.class.path");
    }

    /**
     * The repository root: the {@code tidings.home} system property (run.sh sets it); else four levels above the
     * launcher jar ({@code deploy/local/target/x.jar}); else the working directory.
     */
    static Path repoRoot(Path cwd) {
        String property = System.getProperty("tidings.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Optional<Path> fromCode = codeLocation()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.getNameCount() >= 4)
                .map(p -> p.getParent().getParent().getParent().getParent())
                .filter(p -> Files.isRegularFile(p.resolve("mvnw")));
        return fromCode.orElse(cwd);
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = LocalTidings.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
