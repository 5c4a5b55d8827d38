package com.salespulse.deal.deal;

import com.salespulse.deal.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the deal API answers, mapped explicitly from the entities. */
public final class DealResponses {

    private DealResponses() {}

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
            @Schema(description = "OPEN, WON or LOST.") com.salespulse.deal.deal.Deal.Status status,
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
            long version) {

        static Deal of(com.salespulse.deal.deal.Deal d) {
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
                    d.version);
        }
    }

    @Schema(name = "DealPage", description = "One page of deals, newest first.")
    public record Page(
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

            @Schema(description = "The reason's kind.") LossReason.Kind kind) {

        static Reason of(LossReason r) {
            return new Reason(r.code, r.label, new Labels(r.labelRu, r.labelEn), r.kind);
        }
    }

    @Schema(name = "LossReasonLabelsView", description = "A loss reason's label by language.")
    public record Labels(
            @Schema(description = "In Russian.", example = "Слишком дорого")
            String ru,

            @Schema(description = "In English.", example = "Too expensive")
            String en) {}
}
