package com.salespulse.lead;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.salespulse.lead.integration.NotBlankWhenGiven;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The lead feature's request and response bodies. */
public final class LeadApi {

    private LeadApi() {}

    @Schema(name = "CreateLeadRequest", description = "A lead as it comes in: where from and how to reach the client.")
    public record NewLead(
            @Schema(
                    description = "Channel the lead came from, e.g. website, call, referral.",
                    example = "website",
                    required = true)
            @NotBlank
            @Size(max = 64)
            String source,

            @Schema(description = "The channel within the source, e.g. form, whatsapp, inbound-call.", example = "form")
            @Size(max = 64)
            String channel,

            @Schema(description = "The advertising campaign, when known.", example = "black-friday-2026")
            @Size(max = 200)
            String campaign,

            @Schema(description = "UTM tags of the landing, when known.") @Valid
            Utm utm,

            @Schema(
                    description = "The client's name; leave it out when it is not known (a blank one is refused).",
                    example = "Anna Petrova")
            @Size(max = 200)
            @NotBlankWhenGiven
            String clientName,

            @Schema(
                    description =
                            "The client's phone, in any common notation; numbers without a country code are read in "
                                    + "the tenant's phone region.",
                    example = "+7 912 345-67-89")
            @Size(max = 32)
            @Pattern(regexp = "[+0-9 ()\\-]{5,32}", message = "must be a phone number such as +7 912 345-67-89")
            String phone,

            @Schema(description = "The client's e-mail.", example = "anna@example.com") @Size(max = 254) @Email
            String email,

            @Schema(description = "Free text from the client or the integrator.") @Size(max = 2000)
            String comment,

            @Schema(
                    description =
                            "The manager to give the lead to; absent to let the tenant's distribution rule choose "
                                    + "(or to queue the lead when nobody qualifies). With occurredAt, the lead is theirs from that time "
                                    + "(they must not have been dismissed by then; absences are not checked).")
            UUID managerId,

            @Schema(
                    description =
                            "The integrating system's name, with externalId; a repeated reference is refused with "
                                    + "409 (PUT /api/v1/leads/by-ref/{externalSystem}/{externalId} upserts instead).",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(
                    description = "The lead's id in the integrating system, unique per tenant and system.",
                    example = "48213")
            @Size(max = 100)
            @NotBlankWhenGiven
            String externalId,

            @Schema(description = "The manager by their external reference, instead of managerId (not both).") @Valid
            ExternalRef managerRef,

            @Schema(
                    description = "The client the lead is of, when the integrator knows it: a client of the tenant. "
                            + "Absent: the lead is linked by its phone or e-mail, or a new client is created.")
            UUID clientId,

            @Schema(description = "The client by its external reference, instead of clientId (not both).") @Valid
            ExternalRef clientRef,

            @Schema(
                    description =
                            "When the lead came in, ISO-8601 with offset; absent: now. Not later than now + 60 s. "
                                    + "The lead's createdAt and lead.created's createdAt are this time. A lead taken in for a past time "
                                    + "with a manager (managerId or managerRef) is assigned to them as given; without one it goes "
                                    + "through distribution as a lead arriving now (shifts, load and turns of now; the queue when "
                                    + "nobody qualifies). The nightly stale rule counts from when the lead was recorded, not from this "
                                    + "time.",
                    example = "2025-03-14T09:30:00+03:00")
            Instant occurredAt) {

        /** A lead nobody can reach is junk at the door. */
        @JsonIgnore
        @AssertTrue(message = "a phone or an e-mail is required")
        public boolean isContact() {
            return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
        }

        @Schema(name = "Utm", description = "UTM tags as they came with the lead.")
        public record Utm(
                @Schema(description = "utm_source") @Size(max = 200)
                String source,

                @Schema(description = "utm_medium") @Size(max = 200)
                String medium,

                @Schema(description = "utm_campaign") @Size(max = 200)
                String campaign,

                @Schema(description = "utm_term") @Size(max = 200)
                String term,

                @Schema(description = "utm_content") @Size(max = 200)
                String content) {}
    }

    @Schema(
            name = "UpdateLeadRequest",
            description = "New contact details for a lead. A field left out (or null) keeps "
                    + "its value. The version is the one the caller last read: if the lead changed since, the update is refused "
                    + "with 409.")
    public record LeadUpdate(
            @Schema(description = "The version the caller last read.", required = true, example = "0")
            @NotNull
            @PositiveOrZero
            Long version,

            @Schema(description = "The client's name; not blank.", example = "Anna Petrova")
            @Size(max = 200)
            @NotBlankWhenGiven
            String clientName,

            @Schema(description = "The client's phone, in any common notation.", example = "+7 912 345-67-89")
            @Size(max = 32)
            @Pattern(regexp = "[+0-9 ()\\-]{5,32}", message = "must be a phone number such as +7 912 345-67-89")
            String phone,

            @Schema(
                    description = "The client's e-mail; an empty one removes it while the lead keeps a phone.",
                    example = "anna@example.com")
            @Size(max = 254)
            @Email
            String email,

            @Schema(description = "Free text about the lead.") @Size(max = 2000)
            String comment) {}

    @Schema(name = "Lead", description = "A lead as the API shows it, with what a list or a card needs to render it.")
    public record LeadView(
            @Schema(description = "The lead's id.") UUID id,

            @Schema(description = "Channel the lead came from.")
            String source,

            @Schema(description = "The channel within the source.")
            String channel,

            @Schema(description = "The advertising campaign.")
            String campaign,

            @Schema(description = "UTM tags, when the lead came with some.")
            NewLead.Utm utm,

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

            @Schema(description = "Contact attempts so far.")
            int contactAttempts,

            @Schema(description = "Failed contact attempts so far (every outcome but REACHED).")
            int failedAttempts,

            @Schema(
                    description =
                            "True once failed attempts reached the tenant's threshold, until the client is reached.")
            boolean unreached,

            @Schema(description = "The integrating system, when the lead came with an external reference.")
            String externalSystem,

            @Schema(description = "The lead's id in that system.")
            String externalId,

            @Schema(description = "When the lead was archived (UTC); absent while it is in the working lists.")
            Instant archivedAt,

            @Schema(
                    description =
                            "When the lead came in (UTC): the occurredAt of its intake, else when it was taken in.")
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

    @Schema(name = "LeadPage", description = "One page of leads, newest first (the queue: oldest first).")
    public record LeadPage(
            @Schema(description = "The leads on this page.") List<LeadView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size asked for.")
            int size,

            @Schema(description = "How many leads match in all.")
            long total) {}

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
    public record NewContactAttempt(
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
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
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
            List<NewLead> items) {}

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
    public record ContactAttemptView(
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
            @Schema(description = "Russian label.") String labelRu,

            @Schema(description = "Whether a lead can be rejected with it now (a deactivated reason keeps its label).")
            boolean active) {}

    @Schema(name = "NewRejectionReasonRequest", description = "A rejection reason the tenant adds to its catalogue.")
    public record NewRejectionReason(
            @Schema(description = "The code, 1 to 40 of a-z, 0-9 and _.", example = "wrong_region", required = true)
            @Size(max = 40)
            String code,

            @Schema(description = "Russian label.", example = "Не наш регион", required = true) @Size(max = 100)
            String labelRu,

            @Schema(description = "English label.", example = "Outside our region", required = true) @Size(max = 100)
            String labelEn) {}

    @Schema(
            name = "ChangeRejectionReasonRequest",
            description = "New labels and/or whether the reason is active; a field left out keeps its value.")
    public record RejectionReasonChange(
            @Schema(description = "Russian label.") @Size(max = 100)
            String labelRu,

            @Schema(description = "English label.") @Size(max = 100)
            String labelEn,

            @Schema(description = "false deactivates the reason (no new rejection with it), true reactivates it.")
            Boolean active) {}

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
            NewLead.Utm utm,

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
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
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

    @Schema(
            name = "ContactAttemptStateRequest",
            description = "A contact attempt as the integrating system holds " + "it; the path gives its reference.")
    public record ContactAttemptState(
            @Schema(description = "The lead tried: a lead of the tenant. Or leadRef.")
            UUID leadId,

            @Schema(description = "The lead by its external reference, instead of leadId (not both).") @Valid
            ExternalRef leadRef,

            @Schema(
                    description = "What happened.",
                    required = true,
                    enumeration = {"REACHED", "NO_ANSWER", "BUSY", "WRONG_NUMBER", "CALL_BACK_LATER"})
            @NotBlank
            @Size(max = 32)
            String outcome,

            @Schema(description = "What the manager noted.") @Size(max = 2000)
            String comment,

            @Schema(description = "Absent or the path's externalSystem.", example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "Absent or the path's externalId.", example = "call-9911") @Size(max = 100)
            String externalId,

            @Schema(
                    description = "When the attempt was made, ISO-8601 with offset; absent: now. Not later than now "
                            + "+ 60 s, not before the lead came in (400), not before the lead's last change (409 "
                            + "stale-change).",
                    example = "2025-03-14T10:00:00+03:00")
            Instant occurredAt) {}

    /** The fields the leads can be sorted by (?sort=field, or -field for descending). */
    public static final java.util.List<String> SORT =
            java.util.List.of("createdAt", "clientName", "status", "assignedAt", "lastChangedAt");
}
