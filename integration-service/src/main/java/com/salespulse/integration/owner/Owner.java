package com.salespulse.integration.owner;

/** The service that owns an entity kind and validates, stores and announces it. */
public enum Owner {
    LEAD_SERVICE("lead-service"),
    DEAL_SERVICE("deal-service");

    private final String displayName;

    Owner(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
