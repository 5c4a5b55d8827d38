package com.salespulse.lead;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Lead", description = "A lead as the API shows it, with what a list or a card needs to render it.")
public record LeadResponse(
        @Schema(description = "The lead's id.") UUID id,
        @Schema(description = "Channel the lead came from.") String source,

        @Schema(description = "The channel within the source.")
        String channel,

        @Schema(description = "The advertising campaign.") String campaign,

        @Schema(description = "UTM tags, when the lead came with some.")
        CreateLeadRequest.Utm utm,

        @Schema(description = "The client the lead belongs to (an existing one when the lead is a duplicate).")
        UUID clientId,

        @Schema(description = "The client's name.") String clientName,

        @Schema(description = "The client's phone as entered.")
        String phone,

        @Schema(description = "The phone in E.164, as duplicates are matched.")
        String phoneNormalized,

        @Schema(description = "The client's e-mail as entered.")
        String email,

        @Schema(description = "Free text from intake.") String comment,

        @Schema(description = "The manager who owns the lead; absent while it waits in the unassigned queue.")
        UUID managerId,

        @Schema(description = "The owner's name, for display.")
        String managerName,

        @Schema(description = "The owner's team when the lead was assigned.")
        UUID teamId,

        @Schema(description = "When the lead got its current owner (UTC).")
        Instant assignedAt,

        @Schema(
                description = "Where the lead is in its lifecycle.",
                enumeration = {"NEW", "IN_WORK", "QUALIFIED", "CONVERTED", "REJECTED"})
        String status,

        @Schema(description = "The statuses the lead may move to next (CONVERTED through the convert operation).")
        List<String> allowedStatuses,

        @Schema(description = "The rejection reason's code, while REJECTED.")
        String rejectionReason,

        @Schema(description = "The comment given with the last status change.")
        String statusComment,

        @Schema(description = "True when the phone or e-mail matched an existing client or open lead at intake.")
        boolean duplicate,

        @Schema(description = "The open lead this one duplicates, when it matched one.")
        UUID duplicateOfLeadId,

        @Schema(description = "Contact attempts so far.") int contactAttempts,

        @Schema(description = "Failed contact attempts so far (every outcome but REACHED).")
        int failedAttempts,

        @Schema(description = "True once failed attempts reached the tenant's threshold, until the client is reached.")
        boolean unreached,

        @Schema(description = "The integrating system, when the lead came with an external reference.")
        String externalSystem,

        @Schema(description = "The lead's id in that system.")
        String externalId,

        @Schema(description = "When the lead was archived (UTC); absent while it is in the working lists.")
        Instant archivedAt,

        @Schema(description = "When the lead came in (UTC): the occurredAt of its intake, else when it was taken in.")
        Instant createdAt,

        @Schema(
                description = "When the lead last changed (UTC), in business time: a change sent with an earlier "
                        + "occurredAt is refused as stale.")
        Instant lastChangedAt,

        @Schema(description = "The version for optimistic concurrency.")
        long version,

        @Schema(description = "When lead-service took the lead in (UTC, its own clock).")
        Instant recordedAt,

        @Schema(
                description =
                        "When lead-service last wrote a change (UTC, its own clock); the nightly stale rule reads it.")
        Instant lastRecordedAt) {}
