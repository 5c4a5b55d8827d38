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
import java.util.function.IntSupplier;

/**
 * The statements a batch's busiest projections write, gathered and sent as few statements as their order allows.
 * Each gathered statement is set-based: its SQL reads its rows from {@code unnest} arrays
 * ({@link Statements#runRows}), and the projection adds a row to it. Each row names the aggregates whose rows it reads
 * or writes (a card, a task, an activity: their ids) and goes one step after the last gathered row that shares an
 * aggregate with it, so every aggregate's rows keep the order of its events, and rows of different aggregates, which
 * cannot see each other's rows, may run side by side. At {@link #flush} the steps run in order, and each step runs
 * each of its statements once, for all its rows: a step holds at most one row per aggregate per statement, so no row of
 * the read model is changed twice by one statement. A statement that commutes with all the others (a card's touches)
 * takes no step at all: its rows run in one statement after the steps ({@link #runInAnyOrder}).
 * <p>
 * The caller's rule: every statement of the batch goes through here, or the gathered ones are flushed before it runs
 * ({@code EventApplier} flushes before each event of a projection that writes on its own, a "barrier").
 */
final class Writes {

    private final EntityManager em;
    /** The step of the last gathered row of each aggregate. */
    private final Map<UUID, Integer> stepOf = new HashMap<>();

    /** Per step, each statement's rows, the statements in the order they were first gathered in the step. */
    private final List<Map<String, List<Object[]>>> steps = new ArrayList<>();

    /** The rows of statements that commute with every gathered statement, run once each after the steps. */
    private final Map<String, List<Object[]>> anyOrder = new LinkedHashMap<>();

    /** The rows of statements that take all of an aggregate's rows at once, in their order, run after the steps. */
    private final Map<String, List<Object[]>> inOrder = new LinkedHashMap<>();

    Writes(EntityManager em) {
        this.em = em;
    }

    /** Gathers a row of a set-based statement on the rows of {@code aggregates}; it runs at the next {@link #flush}. */
    void run(Collection<UUID> aggregates, String sql, Object... row) {
        runAll(aggregates, sql, List.<Object[]>of(row));
    }

    /**
     * Gathers several rows of one set-based statement, all in the same step (a deal's lines: rows that do not touch
     * each other).
     */
    void runAll(Collection<UUID> aggregates, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
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
            steps.add(new LinkedHashMap<>());
        }
        steps.get(step).computeIfAbsent(sql, s -> new ArrayList<>()).addAll(rows);
    }

    /**
     * Gathers a row of a set-based statement whose effect does not depend on its order among the batch's gathered
     * statements, nor on the order of its own rows: all of them run in one statement at the flush, however many
     * aggregates or events they come from. The statement must give the same rows whichever order they come in, with
     * several rows about the same read-model row (a card's touches: the latest wins, every touch is kept once).
     */
    void runInAnyOrder(String sql, Object... row) {
        anyOrder.computeIfAbsent(sql, s -> new ArrayList<>()).add(row);
    }

    /**
     * Gathers a row of a set-based statement that is the only one to read or write its table while the batch's
     * gathered statements run (a card's stays) and that applies several rows of one aggregate itself, in the order
     * of its rows ({@code with ordinality}): all of them run in one statement at the flush, after the steps, instead
     * of one statement per step. The rows keep the order they were gathered in, which is their events' order.
     */
    void runInOrderAfterSteps(String sql, Object... row) {
        inOrder.computeIfAbsent(sql, s -> new ArrayList<>()).add(row);
    }

    /**
     * Runs everything gathered, step by step, each statement of a step once, then the statements that take their rows
     * in order, then those in any order.
     */
    void flush() {
        prepare().run();
    }

    /**
     * Builds the arrays of everything gathered (Java work) and answers what runs it, in {@link #flush}'s order; what
     * is gathered afterwards belongs to the next flush. A batch prepares before it takes its locks.
     */
    Runnable prepare() {
        List<IntSupplier> ready = new ArrayList<>();
        for (Map<String, List<Object[]>> step : steps) {
            step.forEach((sql, rows) -> ready.add(Statements.prepareRows(em, sql, rows)));
        }
        inOrder.forEach((sql, rows) -> ready.add(Statements.prepareRows(em, sql, rows)));
        anyOrder.forEach((sql, rows) -> ready.add(Statements.prepareRows(em, sql, rows)));
        steps.clear();
        stepOf.clear();
        inOrder.clear();
        anyOrder.clear();
        return () -> ready.forEach(IntSupplier::getAsInt);
    }
}
