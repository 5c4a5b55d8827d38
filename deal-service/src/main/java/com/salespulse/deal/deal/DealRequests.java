package com.salespulse.deal.deal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.salespulse.problem.CurrencyCode;

/** The request bodies of the deal API. */
public final class DealRequests {

    private DealRequests() {
    }

    @Schema(name = "DealLineRequest", description = "A product line of a deal.")
    public record Line(
            @Schema(description = "The catalogue product; must be active for a new line.", required = true)
            @NotNull UUID productId,
            @Schema(description = "How many units.", example = "3", required = true)
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 4) BigDecimal quantity,
            @Schema(description = "Price of one unit before discount, in the deal's currency; absent takes the list price (when the currencies match).", example = "12000")
            @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal unitPrice,
            @Schema(description = "Discount on the line, 0-100; absent means none.", example = "10")
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal discountPercent) {

        DealService.LineSpec spec() {
            return new DealService.LineSpec(productId, quantity, unitPrice, discountPercent);
        }
    }

    @Schema(name = "OpenDealRequest", description = "A new deal for a client deal-service already knows (a repeat sale, "
            + "or another deal of a current client). A new client's first deal is opened by converting their lead.")
    public record Open(
            @Schema(description = "The client; must already have a deal.", required = true) @NotNull UUID clientId,
            @Schema(description = "The client's display name; absent takes the one on their latest deal (none when it has "
                    + "none). Not blank when sent.")
            @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String clientName,
            @Schema(description = "The owner: a manager of the tenant's roster who is not dismissed (deal-service learns "
                    + "the roster from lead-service's events, so a manager hired a moment ago may be refused for a few "
                    + "seconds). A manager opens deals only for themselves and may leave it out.") UUID managerId,
            @Schema(description = "The pipeline; absent means the default pipeline.") UUID pipelineId,
            @Schema(description = "An OPEN stage of that pipeline to start in; absent means its first open stage.") UUID stageId,
            @Schema(description = "The amount; required without lines, and must equal the lines' sum with them.", example = "36000")
            @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @Schema(description = "ISO 4217 currency of the amount and the lines.", example = "RUB", required = true)
            @NotNull @Size(max = 3) @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode String currency,
            @Schema(description = "Product lines; may be empty.") @Size(max = 100) List<@NotNull @Valid Line> lines,
            @Schema(description = "When the manager expects to close it.", example = "2026-12-15") LocalDate expectedCloseDate,
            @Schema(description = "Where the deal came from, e.g. repeat, referral, website.", example = "repeat", required = true)
            @NotBlank @Size(max = 64) String source,
            @Schema(description = "The client who referred this one; a client of the tenant with a deal.") UUID referredByClientId,
            @Schema(description = "A reference in the tenant's own CRM.") @Size(max = 200) String externalRef) {
    }

    @Schema(name = "UpdateDealRequest", description = "New terms; a field left out keeps its value.")
    public record Update(
            @Schema(description = "The version you read (optimistic concurrency).", required = true) @NotNull Long version,
            @Schema(description = "The amount; with lines it must equal their sum.") @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @Schema(description = "ISO 4217 code of a real currency.")
            @Size(max = 3) @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode String currency,
            @Schema(description = "The full new list of lines; absent keeps the lines.") @Size(max = 100) List<@NotNull @Valid Line> lines,
            @Schema(description = "When the manager expects to close it.") LocalDate expectedCloseDate,
            @Schema(description = "Why the terms changed.") @Size(max = 500) String reason) {
    }

    @Schema(name = "MoveStageRequest", description = "The open stage to move the deal to.")
    public record MoveStage(
            @Schema(description = "An OPEN stage of the deal's own pipeline.", required = true) @NotNull UUID stageId,
            @Schema(description = "Why it moved.") @Size(max = 500) String reason) {
    }

    @Schema(name = "WinDealRequest", description = "The final amount, if it differs from the deal's amount.")
    public record Win(
            @Schema(description = "The amount the deal was won for; absent keeps the deal's amount.", example = "34000")
            @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal finalAmount) {
    }

    @Schema(name = "LoseDealRequest", description = "Why the deal was lost.")
    public record Lose(
            @Schema(description = "A reason code from the tenant's catalogue (GET /api/v1/loss-reasons).", example = "PRICE", required = true)
            @NotBlank(message = "a loss reason is required") @Size(max = 64) String reasonCode,
            @Schema(description = "Free text about the loss.") @Size(max = 2000) String comment) {
    }

    @Schema(name = "ReopenDealRequest", description = "Where a won or lost deal goes back to.")
    public record Reopen(
            @Schema(description = "An OPEN stage of the deal's pipeline; absent means its first open stage.") UUID stageId,
            @Schema(description = "Why it is reopened.") @Size(max = 500) String reason) {
    }

    @Schema(name = "ReassignDealRequest", description = "The deal's new manager.")
    public record Reassign(
            @Schema(description = "The new owner: a manager of the tenant's roster who is not dismissed.", required = true)
            @NotNull UUID managerId,
            @Schema(description = "Why.") @Size(max = 500) String reason) {
    }

    @Schema(name = "LossReasonLabels", description = "A loss reason's label by language.")
    public record ReasonLabels(
            @Schema(description = "In Russian.", example = "Не вовремя")
            @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String ru,
            @Schema(description = "In English.", example = "Bad timing")
            @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String en) {

        LossReasonService.Labels labels() {
            return new LossReasonService.Labels(ru, en);
        }
    }

    @Schema(name = "LossReasonRequest", description = "A new reason deals can be lost with.")
    public record NewLossReason(
            @Schema(description = "Unique code, upper case.", example = "WRONG_TIMING", required = true)
            @NotNull @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z0-9_]{1,63}", message = "must be upper case letters, digits and _") String code,
            @Schema(description = "The reason as people read it; shown in a language left out of labels.",
                    example = "Bad timing", required = true)
            @NotBlank @Size(max = 200) String label,
            @Schema(description = "The reason in Russian and in English; absent or partial takes label for the missing ones.")
            @Valid ReasonLabels labels,
            @Schema(description = "The reason's kind; PRESSURE marks losses caused by pushing the client too hard.", required = true)
            @NotNull LossReason.Kind kind) {
    }
}
