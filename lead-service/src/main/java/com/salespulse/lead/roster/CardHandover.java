package com.salespulse.lead.roster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands a manager's open cards over to other managers (at dismissal, or by hand); the transfer feature carries it
 * out, so the roster does not depend on it.
 */
public interface CardHandover {

    /**
     * Starts the transfer with this id of the manager's open cards to the receivers, in the caller's transaction.
     *
     * @param named whether the receivers were named by the caller (otherwise chosen by the tenant's rule)
     */
    void handOver(UUID transferId, UUID fromManagerId, List<UUID> receivers, boolean named, String reason, Instant at);

    /** The id of the transfer of this manager's cards started at {@code at}, if any. */
    Optional<UUID> handedOverAt(UUID managerId, Instant at);
}
