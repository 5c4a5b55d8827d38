package com.salespulse.analytics.readmodel;

import jakarta.persistence.EntityManager;
import java.sql.Statement;
import org.hibernate.Session;

/**
 * How a read transaction's statements are planned: for the tenant asked about, never once for any tenant.
 * <p>
 * The driver prepares a statement it has run five times on a connection, and after five more runs PostgreSQL weighs a
 * generic plan, made for any values, against the plans it made for the values given. The generic plan reckons with
 * an average tenant's share of the rows (the table's rows divided by its tenants), so for a read model where one
 * tenant owns most of the rows it looks cheaper and is kept; then the big tenant's reads run the small tenant's plan
 * (nested loops, a probe per card). A scratch database with one tenant of 10 000 open cards and 100 of 10 each:
 * forgotten-cards' drill-down read 2 278 buffers in 14.5 ms for its first five runs and 11 350 buffers in 145 ms from
 * the sixth on. The alert sweep runs the same statements for every tenant in turn, so it reaches the generic plan
 * first. The ingest's writes are the opposite case ({@code projection/EventApplier}: by key, generic on purpose).
 */
public final class ReadPlans {

    private ReadPlans() {}

    /**
     * Plans every statement for its values until the transaction ends (a few milliseconds of planning a statement,
     * against reading a big tenant's rows through a plan for a small one). Call inside a transaction.
     */
    public static void forTheTenant(EntityManager em) {
        set(em, "set local plan_cache_mode = force_custom_plan");
    }

    private static void set(EntityManager em, String setting) {
        em.unwrap(Session.class).doWork(connection -> {
            try (Statement set = connection.createStatement()) {
                set.execute(setting);
            }
        });
    }
}
