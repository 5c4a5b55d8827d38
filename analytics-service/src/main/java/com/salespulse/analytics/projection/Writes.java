package com.salespulse.analytics.projection;

import com.salespulse.analytics.readmodel.Statements;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The statements a batch's busiest projections write, gathered and sent in as few round trips as their order allows.
 * Each statement names the aggregates whose rows it reads or writes (a card, a task, an activity: their ids). A
 * statement goes one step after the last gathered statement that shares an aggregate with it, so every aggregate's
 * statements keep the order of its events, and statements of different aggregates, which cannot see each other's
 * rows, may run side by side. At {@link #flush} the steps run in order, each step's statements grouped by their SQL
 * into one JDBC batch (one round trip however many rows).
 * <p>
 * The caller's rule: every statement of the batch goes through here, or the gathered ones are flushed before it runs
 * ({@code EventApplier} flushes before each event of a projection that writes on its own, a "barrier").
 */
final class Writes {

    private record Pending(String sql, Object[] params) {}

    private final EntityManager em;
    /** The step of the last gathered statement of each aggregate. */
    private final Map<UUID, Integer> stepOf = new HashMap<>();

    private final List<List<Pending>> steps = new ArrayList<>();

    Writes(EntityManager em) {
        this.em = em;
    }

    /** Gathers a statement on the rows of {@code aggregates}; it runs at the next {@link #flush}. */
    void run(Collection<UUID> aggregates, String sql, Object... params) {
        int step = 0;
        for (UUID aggregate : aggregates) {
            Integer last = stepOf.get(aggregate);
            if (last != null) {
                step = Math.max(step, last + 1);
            }
        }
        for (UUID aggregate : aggregates) {
            stepOf.put(aggregate, step);
        }
        if (step == steps.size()) {
            steps.add(new ArrayList<>());
        }
        steps.get(step).add(new Pending(sql, params));
    }

    /**
     * Runs a statement whose answer the caller needs now (the rows it changed); what is gathered for the same
     * aggregates runs first.
     */
    int now(Collection<UUID> aggregates, String sql, Object... params) {
        if (aggregates.stream().anyMatch(stepOf::containsKey)) {
            flush();
        }
        return Statements.run(em, sql, params);
    }

    /** Runs everything gathered, step by step. */
    void flush() {
        for (List<Pending> step : steps) {
            Map<String, List<Object[]>> bySql = new LinkedHashMap<>();
            for (Pending pending : step) {
                bySql.computeIfAbsent(pending.sql(), sql -> new ArrayList<>()).add(pending.params());
            }
            bySql.forEach((sql, paramSets) -> {
                if (paramSets.size() == 1) {
                    Statements.run(em, sql, paramSets.get(0));
                } else {
                    Statements.runBatch(em, sql, paramSets);
                }
            });
        }
        steps.clear();
        stepOf.clear();
    }
}
