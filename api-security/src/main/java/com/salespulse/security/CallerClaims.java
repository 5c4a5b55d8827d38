package com.salespulse.security;

/** The names of the token claims Sales Pulse reads besides the standard ones. */
public final class CallerClaims {

    /** The tenant (company) the caller acts for. Required on every token. */
    public static final String TENANT = "tenant";
    /** The roster id of a manager; required on a manager's and a team lead's token. */
    public static final String MANAGER_ID = "manager_id";

    /**
     * Set by a Sales Pulse service that calls another on a caller's behalf (integration-service's imports and
     * pushes): the caller was rate limited where they came in, so {@link RateLimits} does not count the relayed
     * calls again. Only a holder of a signing key the services trust can set it, and such a holder can sign any
     * tenant's token anyway.
     */
    public static final String RELAYED_BY = "relayed_by";

    private CallerClaims() {}
}
