package com.salespulse.analytics.readmodel;

/**
 * Merged clients are one client for the deal metrics (repeat sales, time to repeat, touches per client): a
 * {@code ClientsMerged} is kept in {@code client_alias} (merged → surviving) by
 * {@code projection/ClientAliasProjection}, and a deal or touch that arrives later naming the merged client is written
 * with the survivor ({@link #survivorOf}). The rule is the SQL function {@code survivor_of} (migration V2026_12_05_20).
 */
public final class ClientAliases {

    private ClientAliases() {}

    /**
     * SQL for the client a deal or touch being written should name: the survivor when {@code client} (a statement
     * parameter such as {@code "?4"}, in a statement whose {@code ?1} and {@code ?2} are the generation and tenant)
     * was merged away, else {@code client} itself.
     */
    public static String survivorOf(String client) {
        return "survivor_of(?1, ?2, " + client + ")";
    }
}
