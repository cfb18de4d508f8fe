package io.tidings.e2e;

import io.tidings.platform.test.TestInfrastructure;
import io.tidings.platform.test.TestPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Reads a service's revision log straight from its database: the one thing the public API does
 * not show, and what tells "applied once" from "applied twice" (every apply appends a revision).
 */
final class Revisions {

    private Revisions() {
    }

    /** How many revisions the owning service's log holds for the entity in the environment. */
    static long count(String type, String environmentId, String entityId) {
        TestPostgres postgres = TestInfrastructure.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database(type)), postgres.username(),
                postgres.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM content_revisions WHERE environment_id = ? AND entity_key = ?")) {
            query.setObject(1, UUID.fromString(environmentId));
            query.setObject(2, UUID.fromString(entityId));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count revisions of " + type + " " + entityId, e);
        }
    }

    private static String database(String type) {
        return switch (type) {
            case "workflow", "notification_group", "layout" -> "template";
            case "feed" -> "subscriber";
            case "brand" -> "environment";
            default -> throw new IllegalArgumentException(type);
        };
    }
}
