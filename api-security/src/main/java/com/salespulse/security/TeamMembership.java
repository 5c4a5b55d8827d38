package com.salespulse.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who a team lead leads, from the service's own copy of the roster (lead-service owns it; deal-service and
 * analytics keep it from the roster events). A service without one (notification, integration) gives a team lead
 * their own cards only: never wider.
 */
public interface TeamMembership {

    /** The teams of the tenant whose lead is this manager now. */
    Set<UUID> teamsLedBy(String tenant, UUID lead);

    /** The managers of the tenant in these teams now (dismissed ones included: their cards stay the team's). */
    Set<UUID> managersIn(String tenant, Set<UUID> teams);
}
