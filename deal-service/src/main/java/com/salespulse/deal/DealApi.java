package com.salespulse.deal;

import com.salespulse.deal.decimal.Decimals;
import com.salespulse.problem.CurrencyCode;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The deal API's request bodies (new deals, states by reference, commands) and its answers. */
public final class DealApi {

    private DealApi() {}

    static final String OCCURRED_AT = "When it happened (business time, ISO-8601 with offset); absent means now. Not "
            + "later than now + 60 s, not before the deal opened (400), not before the deal's last recorded change "
            + "(409 stale-change).";
    static final String REF = "Instead of the id: the entity by its reference in the tenant's own system (not both).";

    @Schema(name = "DealLineRequest", description = "A product line of a deal.")
    public record NewLine(
            @Schema(description = "The catalogue product; must be active for a new line. Required unless productRef.")
            UUID productId,

            @Schema(description = REF) @Valid ExternalRef productRef,

            @Schema(description = "How many units.", example = "3", required = true)
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            @Digits(integer = 12, fraction = 4)
            BigDecimal quantity,

            @Schema(
                    description =
                            "Price of one unit before discount, in the deal's currency; absent takes the list price (when the currencies match).",
                    example = "12000")
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 4)
            BigDecimal unitPrice,

            @Schema(description = "Discount on the line, 0-100; absent means none.", example = "10")
            @DecimalMin("0")
            @DecimalMax("100")
            @Digits(integer = 3, fraction = 4)
            BigDecimal discountPercent) {

        DealService.LineSpec spec() {
            return new DealService.LineSpec(productId, productRef, quantity, unitPrice, discountPercent);
        }
    }

    @Schema(
            name = "OpenDealRequest",
            description =
                    "A new deal for a client deal-service knows: one with a deal "
                            + "already (a repeat sale), or one lead-service created (their first deal, without converting a lead).")
    public record NewDeal(
            @Schema(
                    description = "The client: one with a deal here, or one lead-service created (its first deal). "
                            + "Required unless clientRef when the PUT creates the deal; a later state may leave both out "
                            + "and keeps the deal's client (which never changes).")
            UUID clientId,

            @Schema(description = REF) @Valid ExternalRef clientRef,

            @Schema(
                    description = "The client's display name; absent takes the one on their latest deal (or the client "
                            + "base's). Not blank when sent.")
            @Size(max = 200)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String clientName,

            @Schema(
                    description =
                            "The owner: a manager of the tenant's roster who is not dismissed (deal-service learns "
                                    + "the roster from lead-service's events, so a manager hired a moment ago may be refused for a few "
                                    + "seconds). A manager opens deals only for themselves and may leave it out.")
            UUID managerId,

            @Schema(description = REF + " Known when lead-service's roster events carry the manager's reference.")
            @Valid
            ExternalRef managerRef,

            @Schema(description = "The pipeline; absent means the default pipeline.")
            UUID pipelineId,

            @Schema(description = REF) @Valid ExternalRef pipelineRef,
            @Schema(description = STAGE) UUID stageId,
            @Schema(description = REF) @Valid ExternalRef stageRef,

            @Schema(
                    description = "The amount; required without lines, and must equal the lines' sum with them.",
                    example = "36000")
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 4)
            BigDecimal amount,

            @Schema(description = "ISO 4217 currency of the amount and the lines.", example = "RUB", required = true)
            @NotNull
            @Size(max = 3)
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode
            String currency,

            @Schema(description = "Product lines; may be empty.") @Size(max = 100)
            List<@NotNull @Valid NewLine> lines,

            @Schema(description = "When the manager expects to close it.", example = "2026-12-15")
            LocalDate expectedCloseDate,

            @Schema(
                    description = "Where the deal came from, e.g. repeat, referral, website.",
                    example = "repeat",
                    required = true)
            @NotBlank
            @Size(max = 64)
            String source,

            @Schema(description = "The client who referred this one; a client of the tenant.")
            UUID referredByClientId,

            @Schema(description = REF) @Valid ExternalRef referredByClientRef,

            @Schema(
                    description = "Deprecated: a free-text reference in the tenant's own CRM, neither unique nor "
                            + "searchable; use externalSystem and externalId.",
                    deprecated = true)
            @Size(max = 200)
            String externalRef,

            @Schema(
                    description = "The deal's reference system, lower case (e.g. amocrm); with externalId, unique per "
                            + "tenant.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The deal's id in that system.", example = "18400211")
            @Size(max = 100)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String externalId,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {

        DealService.NewDeal newDeal(UUID ownOrGiven, ExternalRef ref) {
            return new DealService.NewDeal(
                    clientId,
                    clientRef,
                    clientName,
                    ownOrGiven,
                    managerRef,
                    pipelineId,
                    pipelineRef,
                    stageId,
                    stageRef,
                    amount,
                    currency,
                    lines == null
                            ? List.of()
                            : lines.stream().map(NewLine::spec).toList(),
                    expectedCloseDate,
                    source.trim(),
                    referredByClientId,
                    referredByClientRef,
                    externalRef,
                    ref,
                    occurredAt);
        }
    }

    static final String STAGE = "An OPEN stage to start in; it names its pipeline (a pipeline sent as well must be "
            + "that one). Absent: the pipeline's first open stage.";

    @Schema(
            name = "DealStateRequest",
            description = "The state a deal sent by reference is to be in: the open body, "
                    + "its stage (an OPEN stage, or the pipeline's WON or LOST stage), a loss reason for LOST, and when. "
                    + "Creates the deal, or brings it to this state emitting the events the single operations emit.")
    public record State(
            @Schema(
                    description = "The client: one with a deal here, or one lead-service created (its first deal). "
                            + "Required unless clientRef.")
            UUID clientId,

            @Schema(description = REF) @Valid ExternalRef clientRef,

            @Schema(
                    description = "The client's display name; absent takes the one on their latest deal (or the client "
                            + "base's). Not blank when sent.")
            @Size(max = 200)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String clientName,

            @Schema(
                    description =
                            "The owner: a manager of the tenant's roster who is not dismissed (deal-service learns "
                                    + "the roster from lead-service's events, so a manager hired a moment ago may be refused for a few "
                                    + "seconds). A manager opens deals only for themselves and may leave it out.")
            UUID managerId,

            @Schema(description = REF + " Known when lead-service's roster events carry the manager's reference.")
            @Valid
            ExternalRef managerRef,

            @Schema(description = "The pipeline; absent means the default pipeline.")
            UUID pipelineId,

            @Schema(description = REF) @Valid ExternalRef pipelineRef,
            @Schema(description = STATE_STAGE) UUID stageId,
            @Schema(description = REF) @Valid ExternalRef stageRef,

            @Schema(
                    description = "The amount; required without lines, and must equal the lines' sum with them.",
                    example = "36000")
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 4)
            BigDecimal amount,

            @Schema(description = "ISO 4217 currency of the amount and the lines.", example = "RUB", required = true)
            @NotNull
            @Size(max = 3)
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode
            String currency,

            @Schema(description = "Product lines; may be empty.") @Size(max = 100)
            List<@NotNull @Valid NewLine> lines,

            @Schema(description = "When the manager expects to close it.", example = "2026-12-15")
            LocalDate expectedCloseDate,

            @Schema(
                    description = "Where the deal came from, e.g. repeat, referral, website.",
                    example = "repeat",
                    required = true)
            @NotBlank
            @Size(max = 64)
            String source,

            @Schema(description = "The client who referred this one; a client of the tenant.")
            UUID referredByClientId,

            @Schema(description = REF) @Valid ExternalRef referredByClientRef,

            @Schema(
                    description = "Deprecated: a free-text reference in the tenant's own CRM, neither unique nor "
                            + "searchable; use externalSystem and externalId.",
                    deprecated = true)
            @Size(max = 200)
            String externalRef,

            @Schema(
                    description = "The deal's reference system, lower case (e.g. amocrm); with externalId, unique per "
                            + "tenant.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The deal's id in that system.", example = "18400211")
            @Size(max = 100)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String externalId,

            @Schema(
                    description =
                            "For the LOST stage: a reason code from the tenant's catalogue (required then, refused "
                                    + "otherwise).",
                    example = "PRICE")
            @Size(max = 64)
            String lossReason,

            @Schema(description = "Free text about the loss.") @Size(max = 2000)
            String lossComment,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {

        DealService.DealState state(ExternalRef ref) {
            ref.mustMatchBody(externalSystem, externalId);
            return new DealService.DealState(
                    new DealService.NewDeal(
                            clientId,
                            clientRef,
                            clientName,
                            managerId,
                            managerRef,
                            pipelineId,
                            pipelineRef,
                            stageId,
                            stageRef,
                            amount,
                            currency,
                            lines == null
                                    ? null
                                    : lines.stream().map(NewLine::spec).toList(),
                            expectedCloseDate,
                            source.trim(),
                            referredByClientId,
                            referredByClientRef,
                            externalRef,
                            ref,
                            occurredAt),
                    lossReason == null ? null : lossReason.trim(),
                    lossComment);
        }
    }

    static final String STATE_STAGE = "The stage the deal is in: an OPEN stage, or a pipeline's WON or LOST stage. "
            + "It names the deal's pipeline: a stage of another pipeline moves an existing deal into that pipeline "
            + "(deal.stage-moved with the new pipelineId, or deal.won/deal.lost there); a pipeline sent as well must "
            + "be the stage's. Absent: a new deal opens in the first open stage, an existing deal keeps its stage "
            + "(or, when another pipeline is named, goes to that pipeline's first open stage).";

    @Schema(name = "UpdateDealRequest", description = "New terms; a field left out keeps its value.")
    public record Update(
            @Schema(description = "The version you read (optimistic concurrency).", required = true) @NotNull
            Long version,

            @Schema(description = "The amount; with lines it must equal their sum.")
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 4)
            BigDecimal amount,

            @Schema(description = "ISO 4217 code of a real currency.")
            @Size(max = 3)
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode
            String currency,

            @Schema(description = "The full new list of lines; absent keeps the lines.") @Size(max = 100)
            List<@NotNull @Valid NewLine> lines,

            @Schema(description = "When the manager expects to close it.")
            LocalDate expectedCloseDate,

            @Schema(description = "Why the terms changed.") @Size(max = 500)
            String reason,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "MoveStageRequest", description = "The open stage to move the deal to.")
    public record MoveStage(
            @Schema(description = "An OPEN stage of the deal's own pipeline.", required = true) @NotNull
            UUID stageId,

            @Schema(description = "Why it moved.") @Size(max = 500)
            String reason,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "WinDealRequest", description = "The final amount, if it differs from the deal's amount.")
    public record Win(
            @Schema(description = "The amount the deal was won for; absent keeps the deal's amount.", example = "34000")
            @DecimalMin("0")
            @Digits(integer = 15, fraction = 4)
            BigDecimal finalAmount,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "LoseDealRequest", description = "Why the deal was lost.")
    public record Lose(
            @Schema(
                    description = "A reason code from the tenant's catalogue (GET /api/v1/loss-reasons).",
                    example = "PRICE",
                    required = true)
            @NotBlank(message = "a loss reason is required")
            @Size(max = 64)
            String reasonCode,

            @Schema(description = "Free text about the loss.") @Size(max = 2000)
            String comment,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "ArchiveDealRequest", description = "Why an open deal is archived, or an archived one restored.")
    public record Archive(
            @Schema(
                    description = "Why, in a few words.",
                    example = "client froze the budget until spring",
                    required = true)
            @NotBlank(message = "a reason is required")
            @Size(max = 500)
            String reason,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "ReopenDealRequest", description = "Where a won or lost deal goes back to.")
    public record Reopen(
            @Schema(description = "An OPEN stage of the deal's pipeline; absent means its first open stage.")
            UUID stageId,

            @Schema(description = "Why it is reopened.") @Size(max = 500)
            String reason,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "ReassignDealRequest", description = "The deal's new manager.")
    public record Reassign(
            @Schema(
                    description =
                            "The new owner: a manager of the tenant's roster who is not dismissed. Required unless "
                                    + "managerRef.")
            UUID managerId,

            @Schema(description = REF) @Valid ExternalRef managerRef,
            @Schema(description = "Why.") @Size(max = 500) String reason,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "LossReasonLabels", description = "A loss reason's label by language.")
    public record ReasonLabels(
            @Schema(description = "In Russian.", example = "Не вовремя")
            @Size(max = 200)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String ru,

            @Schema(description = "In English.", example = "Bad timing")
            @Size(max = 200)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String en) {

        LossReasonService.Labels labels() {
            return new LossReasonService.Labels(ru, en);
        }
    }

    @Schema(name = "LossReasonRequest", description = "A new reason deals can be lost with.")
    public record NewLossReason(
            @Schema(description = "Unique code, upper case.", example = "WRONG_TIMING", required = true)
            @NotNull
            @Size(max = 64)
            @Pattern(regexp = "[A-Z][A-Z0-9_]{1,63}", message = "must be upper case letters, digits and _")
            String code,

            @Schema(
                    description = "The reason as people read it; shown in a language left out of labels.",
                    example = "Bad timing",
                    required = true)
            @NotBlank
            @Size(max = 200)
            String label,

            @Schema(
                    description =
                            "The reason in Russian and in English; absent or partial takes label for the missing ones.")
            @Valid
            ReasonLabels labels,

            @Schema(
                    description = "The reason's kind; PRESSURE marks losses caused by pushing the client too hard.",
                    required = true)
            @NotNull
            LossReason.Kind kind) {}

    // the answers

    @Schema(name = "DealLine", description = "A product line of a deal.")
    public record Line(
            @Schema(description = "The product.") UUID productId,

            @Schema(description = "The product's name when the line was written.")
            String productName,

            @Schema(description = "The product's category when the line was written.")
            String category,

            @Schema(description = "How many units.") BigDecimal quantity,

            @Schema(description = "Price of one unit before discount.")
            BigDecimal unitPrice,

            @Schema(description = "Discount, 0-100.") BigDecimal discountPercent,

            @Schema(description = "quantity x unitPrice x (1 - discount/100), to the cent.")
            BigDecimal amount) {}

    @Schema(name = "Deal", description = "A deal as the API shows it.")
    public record Deal(
            @Schema(description = "The deal's id.") UUID id,
            @Schema(description = "The client.") UUID clientId,

            @Schema(description = "The client's display name.")
            String clientName,

            @Schema(description = "The owner.") UUID managerId,
            @Schema(description = "The pipeline.") UUID pipelineId,
            @Schema(description = "The current stage.") UUID stageId,
            @Schema(description = "OPEN, WON or LOST.") com.salespulse.deal.Deal.Status status,
            @Schema(description = "The amount.") BigDecimal amount,
            @Schema(description = "ISO 4217 currency.") String currency,
            @Schema(description = "Product lines.") List<Line> lines,

            @Schema(description = "When the manager expects to close it.")
            LocalDate expectedCloseDate,

            @Schema(description = "Where it came from.") String source,

            @Schema(description = "The client who referred this one.")
            UUID referredByClientId,

            @Schema(description = "True when the client had a won deal when this one was opened.")
            boolean repeatSale,

            @Schema(description = "The converted lead it was opened from.")
            UUID leadId,

            @Schema(
                    description = "Deprecated: the free-text reference sent when the deal was opened; see "
                            + "externalSystem and externalId.",
                    deprecated = true)
            String externalRef,

            @Schema(description = "The deal's reference system in the tenant's own CRM, when it has one.")
            String externalSystem,

            @Schema(description = "The deal's id in that system.")
            String externalId,

            @Schema(description = "The loss reason code, for a LOST deal.")
            String lostReasonCode,

            @Schema(description = "When it was opened (UTC).")
            Instant openedAt,

            @Schema(description = "When it was won or lost (UTC).")
            Instant closedAt,

            @Schema(description = "The version for optimistic concurrency.")
            long version,

            @Schema(description = "When the open deal was archived (UTC); absent while it is in the working lists.")
            Instant archivedAt,

            @Schema(description = "Why it was archived; absent while it is not.")
            String archiveReason) {

        static Deal of(com.salespulse.deal.Deal d) {
            return new Deal(
                    d.id,
                    d.clientId,
                    d.clientName,
                    d.managerId,
                    d.pipelineId,
                    d.stageId,
                    d.status,
                    Decimals.plain(d.amount),
                    d.currency,
                    d.lines.stream()
                            .map(l -> new Line(
                                    l.productId,
                                    l.productName,
                                    l.category,
                                    Decimals.plain(l.quantity),
                                    Decimals.plain(l.unitPrice),
                                    Decimals.plain(l.discountPercent),
                                    Decimals.plain(l.amount())))
                            .toList(),
                    d.expectedCloseDate,
                    d.source,
                    d.referredByClientId,
                    d.repeatSale,
                    d.leadId,
                    d.externalRef,
                    d.externalSystem,
                    d.externalId,
                    d.lostReasonCode,
                    d.openedAt,
                    d.closedAt,
                    d.version,
                    d.archivedAt,
                    d.archiveReason);
        }
    }

    /** The fields the deals can be sorted by (?sort=field, or -field for descending). */
    public static final List<String> SORT =
            List.of("openedAt", "closedAt", "expectedCloseDate", "amount", "clientName", "lastChangeAt");

    @Schema(name = "DealPage", description = "One page of deals, in the order asked for (newest first by default).")
    public record DealPage(
            @Schema(description = "The deals on this page.") List<Deal> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size.") int size,

            @Schema(description = "How many deals match in all.")
            long total) {}

    @Schema(name = "LossReason", description = "A reason deals can be lost with.")
    public record Reason(
            @Schema(description = "The reason's code.") String code,

            @Schema(
                    description = "The label the reason was added with (English for the default catalogue); kept for "
                            + "existing clients: show labels in the reader's language instead.")
            String label,

            @Schema(description = "The reason as people read it, in Russian and in English.")
            Labels labels,

            @Schema(description = "The reason's kind.") LossReason.Kind kind,

            @Schema(description = "Whether a deal can be lost with it now (a deactivated reason keeps its labels).")
            boolean active) {

        static Reason of(LossReason r) {
            return new Reason(r.code, r.label, new Labels(r.labelRu, r.labelEn), r.kind, r.active);
        }
    }

    @Schema(
            name = "ChangeLossReasonRequest",
            description = "New labels and/or whether the reason is active; a field left out keeps its value.")
    public record LossReasonChange(
            @Schema(description = "New labels; a language left out keeps its label.") @Valid
            ReasonLabels labels,

            @Schema(description = "false deactivates the reason (no new loss with it), true reactivates it.")
            Boolean active) {}

    @Schema(name = "LossReasonLabelsView", description = "A loss reason's label by language.")
    public record Labels(
            @Schema(description = "In Russian.", example = "Слишком дорого")
            String ru,

            @Schema(description = "In English.", example = "Too expensive")
            String en) {}
}
