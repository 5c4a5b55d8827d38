package com.salespulse.security;

/** The names of the token claims Sales Pulse reads besides the standard ones. */
public final class CallerClaims {

    /** The tenant (company) the caller acts for. Required on every token. */
    public static final String TENANT = "tenant";
    /** The roster id of a manager; required on a manager's token. */
    public static final String MANAGER_ID = "manager_id";

    private CallerClaims() {}
}
