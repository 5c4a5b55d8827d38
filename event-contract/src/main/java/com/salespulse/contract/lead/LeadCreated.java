package com.salespulse.contract.lead;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;

/**
 * A lead came in. Carries the lead as it was created (there is no "before" for a creation).
 */
public record LeadCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The new lead's id.") UUID leadId,
        @JsonProperty(required = true) @JsonPropertyDescription("Where the lead came from: a channel code such as 'website', 'call', 'referral'.") String source,
        @JsonPropertyDescription("The manager the lead was given to at intake; absent when it waits unassigned.") UUID managerId,
        @JsonPropertyDescription("The client's name as entered at intake.") String clientName,
        @JsonPropertyDescription("The client's phone as entered at intake.") String phone,
        @JsonPropertyDescription("The client's e-mail as entered at intake.") String email,
        @JsonProperty(required = true) @JsonPropertyDescription("When the lead came in (UTC).") Instant createdAt)
        implements DomainEvent {

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }
}
