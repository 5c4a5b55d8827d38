package com.salespulse.analytics.readmodel;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Gives a young read model its planner statistics at once instead of at autovacuum's first round.
 * <p>
 * The ingest changes rows by key ({@code lead_fact} by lead, {@code card_stay} by card …), and each of these tables
 * also has an index that starts with the same {@code (gen, tenant_id)} (the lead's creation time, a deal's status or
 * client). Until a table has been analysed, PostgreSQL guesses that a tenant has about one row, finds that index as
 * cheap as the primary key, and may look every card up by its tenant's rows: on a fresh database the scale benchmark's
 * lead updates took 0.5–1.5 ms each instead of 0.04 ms, for as long as autovacuum had not analysed the table yet (its
 * first round comes a minute or more after the rows). Once a table has statistics, the planner sees how many rows a
 * tenant has and takes the key; autovacuum keeps them current from then on.
 * <p>
 * So every two seconds, until each busy table has statistics, a table that has rows and none is analysed.
 */
@ApplicationScoped
public class ReadModelStatistics {

    private static final Logger LOG = Logger.getLogger(ReadModelStatistics.class);

    /**
     * The tables the ingest changes by key for almost every event, with the ones the fact tables' triggers keep
     * ({@code open_card}, {@code dismissed_baseline_card}): migration V2026_12_18_10 leaves their probes by key only the
     * primary key even without statistics, but their statements' joins are planned better with them.
     */
    static final List<String> BUSY_TABLES = List.of(
            "lead_fact", "deal_fact", "card_stay", "card_touch", "task_fact", "open_card", "dismissed_baseline_card");

    private final EntityManager em;
    private volatile boolean settled;

    public ReadModelStatistics(EntityManager em) {
        this.em = em;
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void gatherWhereMissing() {
        if (settled) {
            return;
        }
        List<?> analysed = em.createNativeQuery(
                        "select distinct tablename from pg_stats where schemaname = current_schema() "
                                + "and tablename = any(cast(?1 as text[]))")
                .setParameter(1, BUSY_TABLES.toArray(String[]::new))
                .getResultList();
        int missing = 0;
        for (String table : BUSY_TABLES) {
            if (analysed.contains(table)) {
                continue;
            }
            missing++;
            boolean hasRows = !em.createNativeQuery("select 1 from " + table + " limit 1")
                    .getResultList()
                    .isEmpty();
            if (hasRows) {
                em.createNativeQuery("analyze " + table).executeUpdate();
                LOG.infof("analysed %s: it had rows and no planner statistics yet", table);
                missing--;
            }
        }
        settled = missing == 0;
    }
}
