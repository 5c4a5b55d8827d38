package com.salespulse.lead.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Lead", description = "A lead as the API shows it.")
public record LeadResponse(
        @Schema(description = "The lead's id.") UUID id,
        @Schema(description = "Channel the lead came from.") String source,
        @Schema(description = "The client's name.") String clientName,
        @Schema(description = "The client's phone as entered.") String phone,
        @Schema(description = "The client's e-mail as entered.") String email,
        @Schema(description = "Free text from intake.") String comment,
        @Schema(description = "The manager who owns the lead; absent while unassigned.") UUID managerId,
        @Schema(description = "Where the lead is in its lifecycle.", enumeration = { "NEW" }) String status,
        @Schema(description = "When the lead came in (UTC).") Instant createdAt,
        @Schema(description = "The version for optimistic concurrency.") long version) {
}
