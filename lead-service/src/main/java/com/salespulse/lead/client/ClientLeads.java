package com.salespulse.lead.client;

import java.util.List;
import java.util.UUID;

/** What the client feature needs of the leads of a client; the lead feature answers it. */
public interface ClientLeads {

    /** Moves every lead of the client {@code from} to the client {@code to}; returns the ids of the moved leads. */
    List<UUID> moveLeads(UUID from, UUID to);

    /** Whether the manager holds a lead of the client, in any status, archived or not. */
    boolean anyOfClientHeldBy(UUID clientId, UUID managerId);
}
