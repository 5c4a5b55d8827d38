package com.salespulse.analytics.metric;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The envelope of every metric's answer: what was asked, the figures, the cards behind one figure (paged), and how
 * far the read model had got.
 *
 * @param <F> the metric's figures
 */
public record MetricAnswer<F>(
        @Schema(description = "The metric's name.", example = "lead-inflow") String metric,
        @Schema(description = "Version of the metric's definition (docs/metrics.md); it changes when the formula does.", example = "2") int definitionVersion,
        @Schema(description = "The period asked for.") Period period,
        @Schema(description = "The filters applied (a manager's token is limited to the manager's own cards).") Filters filters,
        @Schema(description = "The figures.") F figures,
        @Schema(description = "The cards behind one figure, paged.") DrillDown drillDown,
        @Schema(description = "The time of the last event applied to the read model for this tenant; absent before the first. Figures include everything up to it.") Instant asOf) {

    @Schema(name = "MetricPeriod")
    public record Period(
            @Schema(description = "First day, inclusive.") LocalDate from,
            @Schema(description = "Last day, inclusive.") LocalDate to,
            @Schema(description = "The time zone days are cut in.", example = "Europe/Moscow") String timeZone,
            @Schema(description = "Working days in the period by the tenant's calendar.") int workingDays) {
    }

    @Schema(name = "MetricFilters")
    public record Filters(
            @Schema(description = "Only this manager's cards.") UUID managerId,
            @Schema(description = "Only cards of this team's managers.") UUID teamId,
            @Schema(description = "Only cards from this source.") String source,
            @Schema(description = "Only deals in this pipeline.") UUID pipelineId) {
    }

    @Schema(name = "DrillDown", description = "The cards behind one figure, paged, with enough to show a list.")
    public record DrillDown(
            @Schema(description = "Which figure these cards are behind.", example = "total") String figure,
            @Schema(description = "The page, from 0.") int page,
            @Schema(description = "The page size.") int size,
            @Schema(description = "Cards behind the figure in all pages.") long totalItems,
            @Schema(description = "The cards of this page.") List<DrillDownItem> items) {
    }

    @Schema(name = "DrillDownItem", description = "One card behind a figure.")
    public record DrillDownItem(
            @Schema(description = "LEAD, DEAL or TASK.") String cardType,
            @Schema(description = "The card's id.") UUID cardId,
            @Schema(description = "The manager who owns it (for the figure's purpose).") UUID managerId,
            @Schema(description = "What to show: the client's name or the task's title, when known.") String title,
            @Schema(description = "The lead source, when known.") String source,
            @Schema(description = "The card's status or stage, when it matters to the figure.") String status,
            @Schema(description = "The moment the figure is about: when the lead came in, the task fell due, the card was last touched.") Instant at,
            @Schema(description = "Whole days from `at` to the moment of the query, for age-type figures.") Long ageDays,
            @Schema(description = "A reason, when the figure is about one (e.g. the rejection reason).") String reason,
            @Schema(description = "For a deal: its amount in the tenant's base currency (the final amount of a won "
                    + "deal), two decimals; absent for other cards and for a deal without an exchange rate.") BigDecimal amount) {

        /** A card without an amount: a lead, a task, or a deal whose figure is not about money. */
        public DrillDownItem(String cardType, UUID cardId, UUID managerId, String title, String source, String status,
                Instant at, Long ageDays, String reason) {
            this(cardType, cardId, managerId, title, source, status, at, ageDays, reason, null);
        }
    }
}
