package com.salespulse.analytics;

import com.salespulse.analytics.projection.EventApplier;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.testsupport.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test of behaviour: a profile of the journeys' apply (issue 16). Generated histories ({@link SalesHistory}:
 * leads created, worked and converted, deals moved through stages, won or lost, tasks, calls) go through the real
 * {@link EventApplier} in batches of 500 (the consumer's poll), by default each card's events together as the scale
 * dataset streams each lead's whole journey ({@code -Dprofile.order=shuffled}: entities interleaved); then it
 * writes what PostgreSQL spent on them, per trigger function (track_functions, own time) and per statement
 * (pg_stat_statements, nested statements included), and the history tables' HOT updates, into
 * {@code target/journeys-profile.txt}. The first histories fill the tables and are not counted.
 * <p>
 * Its name does not end in Test, so the suite does not run it; run it with
 * {@code -Dtest=JourneysApplyProfile -Dprofile.histories=12}. A run of 12 histories applies 36 359 events.
 */
@Tag("profile")
@QuarkusTest
@WithTestResource(ProfilingInfra.class)
class JourneysApplyProfile {

    @Inject
    EventApplier applier;

    @Inject
    ReadModelGenerations generations;

    @Inject
    DataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void realClock() {
        clock.reset();
    }

    @Test
    void profileTheJourneysApply() throws Exception {
        clock.set(SalesHistory.NOW);
        int warm = Integer.getInteger("profile.warm-histories", 4);
        int measured = Integer.getInteger("profile.histories", 12);
        int gen = generations.live();
        apply(gen, 1, warm);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("analyze");
            s.execute("select pg_stat_statements_reset()");
            s.execute("select pg_stat_reset()");
        }
        long start = System.nanoTime();
        int events = apply(gen, warm + 1, measured);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(2_000); // the backends' stats are flushed within a second of going idle

        StringBuilder out = new StringBuilder();
        out.append("events ").append(events).append(" in ").append(millis).append(" ms wall\n\n");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            table(out, s, """
                    select funcname, calls, round(total_time) as total_ms, round(self_time) as self_ms,
                           round((self_time * 1000 / %d)::numeric, 2) as self_us_per_event
                    from pg_stat_user_functions order by self_time desc limit 25""".formatted(events));
            table(out, s, """
                    select toplevel as top, calls, round(total_exec_time) as ms,
                           shared_blks_hit + shared_blks_read as blocks, rows,
                           regexp_replace(left(query, 150), '\\s+', ' ', 'g') as query
                    from pg_stat_statements order by total_exec_time desc limit 40""");
            table(out, s, """
                    select sum(total_exec_time)::bigint as top_ms, sum(shared_blks_hit + shared_blks_read) as blocks,
                           sum(calls) as calls
                    from pg_stat_statements where toplevel""");
            table(out, s, """
                    select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del
                    from pg_stat_user_tables
                    where relname in ('card_state_span', 'task_span', 'open_card', 'dismissed_baseline_card',
                                      'lead_fact', 'deal_fact', 'task_fact', 'card_touch', 'card_stay')
                    order by relname""");
        }
        Path file = Path.of("target", "journeys-profile.txt");
        Files.writeString(file, out);
        System.out.println(out);
    }

    /** Applies histories {@code first}… ({@code count} of them), each its own tenant, in batches of 500. */
    private int apply(int gen, int first, int count) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        int events = 0;
        for (int seed = first; seed < first + count; seed++) {
            String tenant = "profile-" + seed + "-" + run;
            List<ReceivedEvent> batch = new ArrayList<>();
            SalesHistory history = SalesHistory.generate(seed);
            // "entity": each card's events together, as the scale dataset hands out each lead's whole journey;
            // "shuffled": the entities interleaved at random, each card changed about once a batch
            List<SalesHistory.Event> feed = "shuffled".equals(System.getProperty("profile.order"))
                    ? history.shuffled(seed)
                    : history.reversedByEntity();
            for (SalesHistory.Event event : feed) {
                batch.add(received(tenant, event));
                if (batch.size() == 500) {
                    applier.apply(gen, batch);
                    events += batch.size();
                    batch = new ArrayList<>();
                }
            }
            applier.apply(gen, batch);
            events += batch.size();
        }
        return events;
    }

    private static void table(StringBuilder out, Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.append(i > 1 ? " | " : "").append(md.getColumnLabel(i));
            }
            out.append('\n');
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    out.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.append('\n');
            }
            out.append('\n');
        }
    }

    private static ReceivedEvent received(String tenant, SalesHistory.Event event) {
        return new ReceivedEvent(
                new EventMetadata(
                        UUID.randomUUID(), URI.create("/salespulse/test"), event.at(), tenant, "user:history"),
                EventType.of(event.data()),
                event.data());
    }
}
