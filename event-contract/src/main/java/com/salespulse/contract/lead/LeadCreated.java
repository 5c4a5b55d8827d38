package com.salespulse.contract.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.salespulse.contract.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead came in. Carries the lead as it was created (there is no "before" for a creation).
 */
public record LeadCreated(
        @JsonProperty(required = true) @JsonPropertyDescription("The new lead's id.")
        UUID leadId,

        @JsonProperty(required = true)
        @JsonPropertyDescription("Where the lead came from: a channel code such as 'website', 'call', 'referral'.")
        String source,

        @JsonPropertyDescription("The manager the lead was given to at intake; absent when it waits unassigned.")
        UUID managerId,

        @JsonPropertyDescription("The client's name as entered at intake.")
        String clientName,

        @JsonPropertyDescription("The client's phone as entered at intake.")
        String phone,

        @JsonPropertyDescription("The client's e-mail as entered at intake.")
        String email,

        @JsonProperty(required = true) @JsonPropertyDescription("When the lead came in (UTC).")
        Instant createdAt,
        // ---- added with the roster and client base (optional: older events lack them) ----
        @JsonPropertyDescription("The channel within the source, e.g. 'form', 'whatsapp', 'inbound-call'.")
        String channel,

        @JsonPropertyDescription("The advertising campaign, when known.")
        String campaign,

        @JsonPropertyDescription("UTM tags of the landing, when known.")
        Utm utm,

        @JsonPropertyDescription("The client the lead was linked to (an existing one for a duplicate, else a new one).")
        UUID clientId,

        @JsonPropertyDescription("The owner's team at intake; absent while unassigned.")
        UUID teamId,

        @JsonPropertyDescription("True when the lead's phone or e-mail matched an existing client or open lead.")
        Boolean duplicate,

        @JsonPropertyDescription("The open lead it duplicates, when it matched one.")
        UUID duplicateOfLeadId,

        @JsonPropertyDescription(
                "How the owner was chosen at intake: MANUAL, ROUND_ROBIN or LEAST_LOADED; absent while unassigned and queued.")
        String distributionMode,

        @JsonPropertyDescription("The phone normalized to E.164, e.g. +79123456789.")
        String phoneNormalized,

        @JsonPropertyDescription("The e-mail normalized (trimmed, lower case).")
        String emailNormalized,

        @JsonPropertyDescription("Free text from intake.") String comment,

        @JsonPropertyDescription("The external reference's system (e.g. amocrm), when given.")
        String externalSystem,

        @JsonPropertyDescription("The external reference's id, unique per tenant and system.")
        String externalId,

        @JsonPropertyDescription("The lead's status after intake: NEW.")
        String status)
        implements DomainEvent {

    /** The short constructor of the first contract version, for callers that know only those fields. */
    public LeadCreated(
            UUID leadId,
            String source,
            UUID managerId,
            String clientName,
            String phone,
            String email,
            Instant createdAt) {
        this(
                leadId,
                source,
                managerId,
                clientName,
                phone,
                email,
                createdAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Override
    @JsonIgnore
    public UUID aggregateId() {
        return leadId;
    }

    /** UTM tags as they came with the lead. */
    public record Utm(
            @JsonPropertyDescription("utm_source") String source,
            @JsonPropertyDescription("utm_medium") String medium,
            @JsonPropertyDescription("utm_campaign") String campaign,
            @JsonPropertyDescription("utm_term") String term,
            @JsonPropertyDescription("utm_content") String content) {}
}
