package com.salespulse.lead;

import com.salespulse.lead.integration.ExternalRef;
import com.salespulse.lead.integration.NotBlankWhenGiven;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the lead operations other than intake and contact edits. */
public final class LeadCommands {

    private LeadCommands() {}

    @Schema(
            name = "ChangeLeadStatusRequest",
            description = "Move a lead: NEW → IN_WORK → QUALIFIED, or to REJECTED "
                    + "from any open status with a reason code from GET /api/v1/rejection-reasons.")
    public record ChangeStatus(
            @Schema(
                    description = "The new status.",
                    required = true,
                    enumeration = {"IN_WORK", "QUALIFIED", "REJECTED"})
            @NotBlank
            @Size(max = 32)
            String status,

            @Schema(description = "Required for REJECTED: the reason's code.", example = "no_budget") @Size(max = 64)
            String reasonCode,

            @Schema(description = "A comment with the change.") @Size(max = 2000)
            String comment,

            @Schema(
                    description = "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s, not "
                            + "before the lead came in (400), not before the lead's last change (409 stale-change).",
                    example = "2025-03-14T10:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "ContactAttemptRequest", description = "One try to reach the client.")
    public record RecordAttempt(
            @Schema(
                    description = "What happened.",
                    required = true,
                    enumeration = {"REACHED", "NO_ANSWER", "BUSY", "WRONG_NUMBER", "CALL_BACK_LATER"})
            @NotBlank
            @Size(max = 32)
            String outcome,

            @Schema(description = "What the manager noted.") @Size(max = 2000)
            String comment,

            @Schema(
                    description = "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s, not "
                            + "before the lead came in (400), not before the lead's last change (409 stale-change).",
                    example = "2025-03-14T10:00:00+03:00")
            Instant occurredAt,

            @Schema(
                    description = "The attempt's integrating system, with externalId: an attempt whose reference is "
                            + "already recorded on the lead records nothing new and answers 200 with it.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(
                    description = "The attempt's id there (a call's or note's id), unique per tenant and system.",
                    example = "call-9911")
            @Size(max = 100)
            @NotBlankWhenGiven
            String externalId) {}

    @Schema(name = "AssignLeadRequest", description = "Give a lead to a manager by hand.")
    public record Assign(
            @Schema(description = "The new owner: on the roster, not dismissed, not absent. Or managerRef.")
            UUID managerId,

            @Schema(description = "The new owner by their external reference, instead of managerId (not both).") @Valid
            ExternalRef managerRef,

            @Schema(
                    description = "Why; required when the lead already has an owner.",
                    example = "client asked for Boris")
            @Size(max = 500)
            String reason) {}

    @Schema(name = "ConvertLeadRequest", description = "Convert a QUALIFIED lead: deal-service opens a deal from it.")
    public record Convert(
            @Schema(
                    description = "The pipeline for the deal; absent for the tenant's default. Pipelines are "
                            + "deal-service's: lead-service passes the id on unchecked.")
            UUID pipelineId,

            @Schema(description = "The amount the manager expects; with currency.", example = "150000.00")
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 2)
            BigDecimal expectedAmount,

            @Schema(
                    description =
                            "ISO 4217 code of a real currency (not XXX, XTS, metals or units) for expectedAmount.",
                    example = "RUB")
            @Size(max = 3)
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            String currency,

            @Schema(description = "The client who referred this one, if any: a client of the caller's tenant.")
            UUID referredByClientId,

            @Schema(description = "A comment for the deal.") @Size(max = 2000)
            String comment,

            @Schema(description = "The referring client by external reference, instead of referredByClientId.") @Valid
            ExternalRef referredByClientRef,

            @Schema(
                    description = "The external reference the deal opened from this conversion takes (carried in "
                            + "lead.converted as dealExternalSystem/dealExternalId). Converting a CONVERTED lead again with "
                            + "the same dealRef changes nothing and answers 200.")
            @Valid
            ExternalRef dealRef,

            @Schema(
                    description = "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s, not "
                            + "before the lead came in (400), not before the lead's last change (409 stale-change).",
                    example = "2025-03-14T10:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "ArchiveLeadRequest", description = "Why a lead is archived or restored.")
    public record Reason(
            @Schema(description = "Why, in a few words.", example = "client went silent") @Size(max = 500)
            String reason,

            @Schema(
                    description = "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s, "
                            + "not before the lead came in (400), not before its last change (409 stale-change).",
                    example = "2025-03-14T10:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "LeadBatchRequest", description = "Up to 100 leads taken in at once, all or nothing.")
    public record Batch(
            @Schema(description = "The leads, as for a single intake.", required = true) @NotEmpty @Size(max = 100)
            List<CreateLeadRequest> items) {}

    @Schema(
            name = "LeadBatchResult",
            description = "Per item, in the order sent: every item was taken in, or "
                    + "refused as a duplicate by the tenant's policy.")
    public record BatchResult(
            @Schema(description = "One result per item.") List<ItemResult> items,

            @Schema(description = "Items created (duplicates flagged and taken in included).")
            int created,

            @Schema(
                    description =
                            "Items that are duplicates (taken in and flagged, or refused by the tenant's policy).")
            int duplicates) {}

    @Schema(name = "LeadBatchItemResult", description = "What became of one item.")
    public record ItemResult(
            @Schema(description = "The item's position in the request, from 0.")
            int index,

            @Schema(
                    description = "CREATED, or DUPLICATE: taken in and flagged (leadId set) or refused by the tenant's "
                            + "policy or a known external reference (no leadId; existing points at the card).",
                    enumeration = {"CREATED", "DUPLICATE"})
            String outcome,

            @Schema(description = "The new lead's id; absent when nothing was created.")
            UUID leadId,

            @Schema(description = "For a duplicate: the existing card it matched.")
            String existing) {}

    @Schema(name = "ContactAttempt", description = "A recorded contact attempt.")
    public record AttemptResponse(
            @Schema(description = "The attempt's id.") UUID id,
            @Schema(description = "The lead.") UUID leadId,

            @Schema(description = "The attempt's number on the lead, from 1.")
            int attemptNumber,

            @Schema(description = "What happened.") String outcome,
            @Schema(description = "What the manager noted.") String comment,

            @Schema(description = "The lead's owner at the time.")
            UUID managerId,

            @Schema(description = "When the attempt was made (UTC): occurredAt, else when it was recorded.")
            Instant attemptedAt,

            @Schema(description = "The attempt's integrating system, when it has a reference.")
            String externalSystem,

            @Schema(description = "The attempt's id there.") String externalId) {}

    @Schema(name = "JobResult", description = "What a rule run by hand did.")
    public record JobResult(
            @Schema(description = "How many leads it changed.")
            int changed) {}

    @Schema(name = "RejectionReason", description = "A reason code of the tenant's catalogue, with labels.")
    public record RejectionReason(
            @Schema(description = "The code events and filters use.", example = "no_budget")
            String code,

            @Schema(description = "English label.") String labelEn,
            @Schema(description = "Russian label.") String labelRu) {}

    @Schema(
            name = "LeadStateRequest",
            description = "A lead's state in the integrating system, for PUT "
                    + "/api/v1/leads/by-ref/{externalSystem}/{externalId}: the intake body (the path gives the reference) plus "
                    + "the status and owner it has now.")
    public record LeadState(
            @Schema(
                    description = "Where the lead came from; used when the lead is created, not changed later.",
                    example = "website",
                    required = true)
            @NotBlank
            @Size(max = 64)
            String source,

            @Schema(description = "The channel within the source; taken at creation only.") @Size(max = 64)
            String channel,

            @Schema(description = "The campaign; taken at creation only.") @Size(max = 200)
            String campaign,

            @Schema(description = "UTM tags; taken at creation only.") @Valid
            CreateLeadRequest.Utm utm,

            @Schema(description = "The client's name; left out keeps the lead's.", example = "Anna Petrova")
            @Size(max = 200)
            @NotBlankWhenGiven
            String clientName,

            @Schema(
                    description = "The client's phone; left out (or null) keeps the lead's. At creation a phone or an "
                            + "e-mail is required (400 naming contact); later neither need be sent.",
                    example = "+7 912 345-67-89")
            @Size(max = 32)
            @Pattern(regexp = "[+0-9 ()\\-]{5,32}", message = "must be a phone number such as +7 912 345-67-89")
            String phone,

            @Schema(
                    description = "The client's e-mail; left out (or null) keeps the lead's, an empty one removes it "
                            + "while the lead keeps a phone.",
                    example = "anna@example.com")
            @Size(max = 254)
            @jakarta.validation.constraints.Email
            String email,

            @Schema(description = "Free text; left out (or null) keeps the lead's, an empty one removes it.")
            @Size(max = 2000)
            String comment,

            @Schema(description = "The owner now; left out keeps the lead's (at creation: the tenant's rule chooses).")
            UUID managerId,

            @Schema(description = "The owner by external reference, instead of managerId (not both).") @Valid
            ExternalRef managerRef,

            @Schema(
                    description = "The client, when known: a client of the tenant; taken at creation only (later it "
                            + "must still name a client of the tenant, and changes nothing).")
            UUID clientId,

            @Schema(description = "The client by external reference, instead of clientId (not both).") @Valid
            ExternalRef clientRef,

            @Schema(description = "Absent or the path's externalSystem.", example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "Absent or the path's externalId.", example = "48213")
            @Size(max = 100)
            @NotBlankWhenGiven
            String externalId,

            @Schema(
                    description = "The status now; left out keeps the lead's (NEW at creation). The lead is walked "
                            + "forward one step at a time (NEW → IN_WORK → QUALIFIED; REJECTED from any open status), one "
                            + "lead.status-changed per step; a move back is 409 listing the allowed ones. CONVERTED: use "
                            + "POST /api/v1/leads/by-ref/{externalSystem}/{externalId}/convert.",
                    enumeration = {"NEW", "IN_WORK", "QUALIFIED", "REJECTED", "CONVERTED"})
            @Size(max = 32)
            String status,

            @Schema(
                    description = "With REJECTED: the reason's code from GET /api/v1/rejection-reasons.",
                    example = "no_budget")
            @Size(max = 64)
            String rejectionReason,

            @Schema(description = "A comment with the status change; used only when the status changes.")
            @Size(max = 2000)
            String statusComment,

            @Schema(
                    description = "When the lead was in this state, ISO-8601 with offset; absent: now. Not later than "
                            + "now + 60 s. At creation it is the intake time (see POST /api/v1/leads); a later change is not "
                            + "before the lead came in (400) nor before its last change (409 stale-change).",
                    example = "2025-03-14T09:30:00+03:00")
            Instant occurredAt) {}
}
