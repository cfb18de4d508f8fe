package io.tidings.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A real PostgreSQL server (zonky's embedded binaries) whose data directory is kept between runs.
 * User and password are both {@code postgres}.
 */
public final class LocalPostgres {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private EmbeddedPostgres server;

    public LocalPostgres(Path dataDir, int port, Path logFile) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.logFile = logFile.toAbsolutePath();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public synchronized LocalPostgres start() throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // the launcher stops PostgreSQL itself, after the services and Kafka
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        return this;
    }

    /** Creates each database unless it exists. */
    public void createDatabases(List<String> databases) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
            for (String database : databases) {
                if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
                    throw new IllegalArgumentException("not a plain database name: " + database);
                }
                boolean exists;
                try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    query.setString(1, database);
                    try (ResultSet rows = query.executeQuery()) {
                        exists = rows.next();
                    }
                }
                if (!exists) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + database);
                    }
                }
            }
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        } finally {
            server = null;
        }
    }
}
