package com.salespulse.analytics.readmodel;

/**
 * The team a deal counts for (the {@code teamId} filter of the deal metrics): a closed deal counts for the team its
 * owner was in when it closed, an open deal for its owner's team now. Each manager's team history is kept in
 * {@code manager_team_stay} (one row per team change, written from the roster events by
 * {@code projection/TeamStayProjection}).
 * <p>
 * Reading the history by the deal's closing time (not by which event arrived first) keeps the answer the same
 * whatever the order the deal and roster topics are read in, live or in a replay; a manager who moves to another team
 * later does not take their closed deals along.
 * <p>
 * The rule itself is the SQL function {@code team_at} (migration V2026_12_05_20), versioned with the schema; this
 * class only names the call. The team is not stored on the deal: the roster and deal topics are applied by concurrent
 * transactions, and a deal event applied while a hiring or move of its owner is being applied sees neither the
 * other's row, so a stored team could stay empty or stale (migration V2026_11_27_910 dropped the column).
 */
public final class DealTeams {

    private DealTeams() {}

    /**
     * A SQL expression: the team {@code manager} was in at {@code moment} (now when the moment is null): the latest
     * stay begun by then; when the roster knows only later stays, the earliest one. {@code row} is the alias whose
     * gen and tenant_id it matches. Metric 12 reads a lead's team at its closing this way.
     */
    public static String teamAt(String row, String manager, String moment) {
        return "team_at(%1$s.gen, %1$s.tenant_id, %2$s, %3$s)".formatted(row, manager, moment);
    }
}
