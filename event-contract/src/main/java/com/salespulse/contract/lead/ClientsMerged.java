package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Two clients turned out to be one. The merged client's contacts and leads now belong to the surviving client; the
 * merged client stays readable as merged into the survivor, so the history of both is kept.
 */
public record ClientsMerged(
        @JsonProperty(required = true) @JsonPropertyDescription("The client that remains.")
        UUID survivingClientId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The client merged into it; it no longer takes new leads.")
        UUID mergedClientId,

        @JsonProperty(required = true) @JsonPropertyDescription("The surviving client's contacts before the merge.")
        List<ClientCreated.ClientContact> contactsBefore,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The surviving client's contacts after the merge (duplicates removed).")
        List<ClientCreated.ClientContact> contactsAfter,

        @JsonProperty(required = true)
        @JsonPropertyDescription("The leads that moved from the merged client to the survivor.")
        List<UUID> movedLeadIds,

        @JsonPropertyDescription("Why, when given.") String reason,

        @JsonProperty(required = true) @JsonPropertyDescription("When the merge happened (UTC).")
        Instant mergedAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return survivingClientId;
    }
}
