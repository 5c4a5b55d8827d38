package com.salespulse.security;

/**
 * The roles of the suite, read from the token's {@code groups} claim.
 */
public final class Roles {

    /** Head of sales: everything in the tenant. */
    public static final String HEAD = "head";
    /** Manager: own cards, own tasks, own figures; the token's {@code manager_id} ties it to a roster entry. */
    public static final String MANAGER = "manager";
    /**
     * Team lead: a roster manager (the token's {@code manager_id}) who also sees and works the cards and figures of
     * the managers in the teams they lead ({@link CallerScope}); leading no team, only their own, like a manager.
     */
    public static final String TEAM_LEAD = "team-lead";
    /** CRM integration: creates and updates cards and pushes events for its tenant; reads no analytics. */
    public static final String INTEGRATOR = "integrator";
    /** Operations: technical endpoints. */
    public static final String OPS = "ops";

    private Roles() {}
}
