package io.tidings.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Tidings service jar running as a child JVM: {@code java <jvmArgs> -jar <jar>} with extra environment
 * variables, stdout and stderr appended to a log file, ready when {@code /actuator/health/readiness} answers 200.
 * Used by the local launcher and by the end-to-end tests (which also {@link #kill()} services on purpose).
 */
public final class ServiceProcess {

    public static final List<String> DEFAULT_JVM_ARGS = List.of("-Xmx384m");
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path logFile;
    private final List<String> jvmArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> env, Path logFile) {
        this(name, jar, port, env, logFile, DEFAULT_JVM_ARGS);
    }

    public ServiceProcess(String name, Path jar, int port, Map<String, String> env, Path logFile, List<String> jvmArgs) {
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.port = port;
        this.env = Map.copyOf(new LinkedHashMap<>(env));
        this.logFile = logFile.toAbsolutePath();
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(name + " was not started");
        }
        return p.pid();
    }

    /** The command line this process runs; visible for tests and diagnostics. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Starts the JVM (again, after {@link #stop()} or {@link #kill()}); output is appended to the log file. */
    public synchronized ServiceProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": no jar at " + jar);
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "\n=== " + Instant.now() + " starting " + name + ": " + String.join(" ", command())
                            + " ===\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(env);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Waits until {@code GET /actuator/health/readiness} answers 200.
     *
     * @throws IllegalStateException when the process exits or the timeout passes first
     */
    public void awaitReady(Duration timeout) {
        URI readiness = URI.create(baseUrl() + "/actuator/health/readiness");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (true) {
            Process p = process;
            if (p == null) {
                throw new IllegalStateException(name + " was not started");
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + p.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(3)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready at " + readiness + " within "
                        + timeout.toSeconds() + " s (last answer: " + last + ")");
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** SIGTERM (Spring Boot shuts down gracefully), then SIGKILL if it is still running after 30 s. */
    public synchronized void stop() {
        stopGracefully(process, GRACEFUL_STOP);
    }

    /** SIGTERM, then SIGKILL if the process is still running after {@code grace}; returns once it is gone. */
    static void stopGracefully(Process p, Duration grace) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL at once, as a crash would; waits until the process is gone. */
    public synchronized void kill() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the log file (empty when there is none). */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /** The last {@code lines} lines of a text file, reading at most its last 1 MiB. */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file) || lines <= 0) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, 1 << 20);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1));
            if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all = all.subList(0, all.size() - 1);
            }
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (port " + port + ", " + jar.getFileName() + ")";
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
