package com.salespulse.contract.roster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A manager left. The head of sales chose what happens to their open cards: TRANSFER_TO_NAMED managers,
 * DISTRIBUTE_BY_RULE (the tenant's distribution rule picks the receivers) or LEAVE_WITH_HEAD (the cards stay on the
 * dismissed manager, shown in metric 12, until a transfer is started). A transfer, when chosen, follows as
 * CardTransferStarted with transferId.
 */
public record ManagerDismissed(
        @JsonProperty(required = true) @JsonPropertyDescription("The manager's id.")
        UUID managerId,

        @JsonPropertyDescription("The manager's team at dismissal.")
        UUID teamId,

        @JsonProperty(required = true) @JsonPropertyDescription("ACTIVE or ABSENT at the moment of dismissal.")
        String statusBefore,

        @JsonProperty(required = true)
        @JsonPropertyDescription("TRANSFER_TO_NAMED, DISTRIBUTE_BY_RULE or LEAVE_WITH_HEAD.")
        String cardsDecision,

        @JsonPropertyDescription("The transfer started for the cards; absent for LEAVE_WITH_HEAD.")
        UUID transferId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The receivers of the cards, in order; empty for LEAVE_WITH_HEAD.")
        List<UUID> toManagerIds,

        @JsonProperty(required = true) @JsonPropertyDescription("Open leads the manager held at dismissal.")
        int openLeadCount,

        @JsonPropertyDescription("Why, when given.") String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When (UTC).")
        Instant dismissedAt,
        // ---- added for integrators, issue 14 (optional: older events lack them) ----
        @JsonPropertyDescription(
                "The manager's external reference: its system (e.g. amocrm), when the manager has one.")
        String externalSystem,

        @JsonPropertyDescription("The manager's id in that system.")
        String externalId)
        implements DomainEvent {

    /** The constructor of the contract before issue 14's external references, for callers that send none. */
    public ManagerDismissed(
            UUID managerId,
            UUID teamId,
            String statusBefore,
            String cardsDecision,
            UUID transferId,
            List<UUID> toManagerIds,
            int openLeadCount,
            String reason,
            Instant dismissedAt) {
        this(
                managerId,
                teamId,
                statusBefore,
                cardsDecision,
                transferId,
                toManagerIds,
                openLeadCount,
                reason,
                dismissedAt,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return managerId;
    }
}
