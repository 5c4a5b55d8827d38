package com.salespulse.analytics;

import com.salespulse.localstack.PostgresServer;
import com.salespulse.testsupport.EmbeddedInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The test kit's services for a profiling run, the application's database swapped for a second PostgreSQL of the
 * same binaries with pg_stat_statements loaded and {@code track_functions=all}, so a run can print what each statement
 * and each trigger function cost. (The kit's own PostgreSQL keeps running, unused.)
 */
public class ProfilingInfra implements QuarkusTestResourceLifecycleManager {

    private final EmbeddedInfra kit = new EmbeddedInfra();
    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(kit.start());
        Map<String, String> settings = new HashMap<>(Map.of(
                "shared_preload_libraries", "pg_stat_statements",
                "pg_stat_statements.track", "all",
                "track_functions", "all"));
        String explainOver = System.getProperty("profile.explain-ms"); // plans of the slower statements, in the log
        if (explainOver != null) {
            settings.putAll(Map.of(
                    "shared_preload_libraries", "pg_stat_statements,auto_explain",
                    "auto_explain.log_min_duration", explainOver,
                    "auto_explain.log_analyze", "on",
                    "auto_explain.log_buffers", "on",
                    "auto_explain.log_nested_statements", "on",
                    "logging_collector", "on",
                    "log_directory", System.getProperty("java.io.tmpdir") + "/journeys-profile-log"));
        }
        postgres = PostgresServer.startTemporary(settings);
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("postgres"));
        return config;
    }

    @Override
    public void stop() {
        kit.stop();
        if (postgres != null) {
            postgres.close();
        }
    }
}
