package com.salespulse.lead.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the lead operations other than intake and contact edits. */
public final class LeadCommands {

    private LeadCommands() {
    }

    @Schema(name = "ChangeLeadStatusRequest", description = "Move a lead: NEW → IN_WORK → QUALIFIED, or to REJECTED "
            + "from any open status with a reason code from GET /api/v1/rejection-reasons.")
    public record ChangeStatus(
            @Schema(description = "The new status.", required = true, enumeration = { "IN_WORK", "QUALIFIED", "REJECTED" })
            @NotBlank @Size(max = 32) String status,
            @Schema(description = "Required for REJECTED: the reason's code.", example = "no_budget")
            @Size(max = 64) String reasonCode,
            @Schema(description = "A comment with the change.") @Size(max = 2000) String comment) {
    }

    @Schema(name = "ContactAttemptRequest", description = "One try to reach the client.")
    public record RecordAttempt(
            @Schema(description = "What happened.", required = true,
                    enumeration = { "REACHED", "NO_ANSWER", "BUSY", "WRONG_NUMBER", "CALL_BACK_LATER" })
            @NotBlank @Size(max = 32) String outcome,
            @Schema(description = "What the manager noted.") @Size(max = 2000) String comment) {
    }

    @Schema(name = "AssignLeadRequest", description = "Give a lead to a manager by hand.")
    public record Assign(
            @Schema(description = "The new owner: on the roster, not dismissed, not absent.", required = true)
            @NotNull UUID managerId,
            @Schema(description = "Why; required when the lead already has an owner.", example = "client asked for Boris")
            @Size(max = 500) String reason) {
    }

    @Schema(name = "ConvertLeadRequest", description = "Convert a QUALIFIED lead: deal-service opens a deal from it.")
    public record Convert(
            @Schema(description = "The pipeline for the deal; absent for the tenant's default. Pipelines are "
                    + "deal-service's: lead-service passes the id on unchecked.") UUID pipelineId,
            @Schema(description = "The amount the manager expects; with currency.", example = "150000.00")
            @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal expectedAmount,
            @Schema(description = "ISO 4217 code of a real currency (not XXX, XTS, metals or units) for expectedAmount.",
                    example = "RUB")
            @Size(max = 3) @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB") String currency,
            @Schema(description = "The client who referred this one, if any: a client of the caller's tenant.")
            UUID referredByClientId,
            @Schema(description = "A comment for the deal.") @Size(max = 2000) String comment) {
    }

    @Schema(name = "ArchiveLeadRequest", description = "Why a lead is archived or restored.")
    public record Reason(
            @Schema(description = "Why, in a few words.", example = "client went silent") @Size(max = 500) String reason) {
    }

    @Schema(name = "LeadBatchRequest", description = "Up to 100 leads taken in at once, all or nothing.")
    public record Batch(
            @Schema(description = "The leads, as for a single intake.", required = true)
            @NotEmpty @Size(max = 100) List<CreateLeadRequest> items) {
    }

    @Schema(name = "LeadBatchResult", description = "Per item, in the order sent: every item was taken in, or "
            + "refused as a duplicate by the tenant's policy.")
    public record BatchResult(
            @Schema(description = "One result per item.") List<ItemResult> items,
            @Schema(description = "Items created (duplicates flagged and taken in included).") int created,
            @Schema(description = "Items that are duplicates (taken in and flagged, or refused by the tenant's policy).") int duplicates) {
    }

    @Schema(name = "LeadBatchItemResult", description = "What became of one item.")
    public record ItemResult(
            @Schema(description = "The item's position in the request, from 0.") int index,
            @Schema(description = "CREATED, or DUPLICATE: taken in and flagged (leadId set) or refused by the tenant's "
                    + "policy or a known external reference (no leadId; existing points at the card).",
                    enumeration = { "CREATED", "DUPLICATE" }) String outcome,
            @Schema(description = "The new lead's id; absent when nothing was created.") UUID leadId,
            @Schema(description = "For a duplicate: the existing card it matched.") String existing) {
    }

    @Schema(name = "ContactAttempt", description = "A recorded contact attempt.")
    public record AttemptResponse(
            @Schema(description = "The attempt's id.") UUID id,
            @Schema(description = "The lead.") UUID leadId,
            @Schema(description = "The attempt's number on the lead, from 1.") int attemptNumber,
            @Schema(description = "What happened.") String outcome,
            @Schema(description = "What the manager noted.") String comment,
            @Schema(description = "The lead's owner at the time.") UUID managerId,
            @Schema(description = "When (UTC).") java.time.Instant attemptedAt) {
    }

    @Schema(name = "JobResult", description = "What a rule run by hand did.")
    public record JobResult(@Schema(description = "How many leads it changed.") int changed) {
    }

    @Schema(name = "RejectionReason", description = "A reason code of the tenant's catalogue, with labels.")
    public record RejectionReason(
            @Schema(description = "The code events and filters use.", example = "no_budget") String code,
            @Schema(description = "English label.") String labelEn,
            @Schema(description = "Russian label.") String labelRu) {
    }
}
