package com.salespulse.analytics.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        @Schema(description = "The metric's name.", example = "lead-inflow")
        String metric,

        @Schema(
                description = "Version of the metric's definition (docs/metrics.md); it changes when the formula does.",
                example = "2")
        int definitionVersion,

        @Schema(description = "The period asked for.") Period period,

        @Schema(description = "The filters applied (a manager's token is limited to the manager's own cards).")
        Filters filters,

        @Schema(description = "The figures.") F figures,

        @Schema(description = "The cards behind one figure, paged.")
        DrillDown drillDown,

        @Schema(
                description =
                        "The time of the last event applied to the read model for this tenant; absent before the first. Figures include everything up to it.")
        Instant asOf) {

    /** An answer as CSV, one of its tables (docs/export.md). */
    public static final String CSV = "text/csv";

    /** An answer as an XLSX workbook, a sheet per table (docs/export.md). */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Schema(name = "MetricPeriod")
    public record Period(
            @Schema(description = "First day, inclusive.") LocalDate from,
            @Schema(description = "Last day, inclusive.") LocalDate to,

            @Schema(description = "The time zone days are cut in.", example = "Europe/Moscow")
            String timeZone,

            @Schema(description = "Working days in the period by the tenant's calendar.")
            int workingDays) {}

    @Schema(name = "MetricFilters")
    public record Filters(
            @Schema(description = "Only this manager's cards.")
            UUID managerId,

            @Schema(description = "Only cards of this team's managers.")
            UUID teamId,

            @Schema(description = "Only cards from this source.")
            String source,

            @Schema(description = "Only deals in this pipeline.")
            UUID pipelineId) {}

    @Schema(
            name = "DrillDown",
            description = "The cards behind one figure, paged, with enough to show a list. The "
                    + "same shape in every metric (docs/metrics.md, \"What every metric shares\").")
    public record DrillDown(
            @Schema(
                    description = "Which figure these cards are behind; the metric's `figure` parameter chooses it.",
                    example = "forgottenCards")
            String figure,

            @Schema(description = "The page, from 0.") int page,
            @Schema(description = "The page size.") int size,

            @Schema(
                    description = "Cards behind the figure in all pages, counted up to 10 000 (more: 10 000 and "
                            + "moreItems): on a page asked without `cursor` (the first page, or a page by number); "
                            + "absent on a page read by `cursor`, which does not count them again (keep the first "
                            + "page's).",
                    nullable = true)
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Long totalItems,

            @Schema(
                    description = "True when the cards behind the figure are more than totalItems says: the count "
                            + "stops at 10 000 (totalItems is then 10 000). Absent otherwise.",
                    nullable = true)
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Boolean moreItems,

            @Schema(description = "The cards of this page.") List<DrillDownItem> items,

            @Schema(
                    description = "The order the cards are in when asked with ?sort= (a field, - for descending); "
                            + "absent in the drill-down's own order.",
                    example = "-amount")
            String sort,

            @Schema(description = "The fields ?sort= accepts for this drill-down.", example = "[\"at\", \"amount\"]")
            List<String> sortableBy,

            @Schema(
                    description = "The next page: pass it as ?cursor= with the same query to read the cards after "
                            + "this page's last one. Opaque; absent on the last page.")
            String nextCursor) {

        /**
         * A page of a figure with {@code counted} cards (null: not counted, a page read by cursor); a count above
         * {@link Drill#COUNTED_UP_TO} is given as that many and {@code moreItems}.
         */
        public DrillDown(String figure, int page, int size, Long counted, List<DrillDownItem> items) {
            this(
                    figure,
                    page,
                    size,
                    counted == null ? null : Math.min(counted, Drill.COUNTED_UP_TO),
                    counted != null && counted > Drill.COUNTED_UP_TO ? Boolean.TRUE : null,
                    items,
                    null,
                    null,
                    null);
        }

        /** The same page in the order a drill-down read it ({@link Drill#order}). */
        public DrillDown sorted(Drill.Order order) {
            return new DrillDown(
                    figure, page, size, totalItems, moreItems, items, order.applied(), order.fields(), nextCursor);
        }

        /** The same page with the cursor of the page after it (null on the last page). */
        public DrillDown next(String cursor) {
            return new DrillDown(figure, page, size, totalItems, moreItems, items, sort, sortableBy, cursor);
        }

        /** The same page with other items (labelled), in the same order. */
        public DrillDown withItems(List<DrillDownItem> other) {
            return new DrillDown(figure, page, size, totalItems, moreItems, other, sort, sortableBy, nextCursor);
        }
    }

    @Schema(
            name = "DrillDownItem",
            description = "One card behind a figure. Codes are stable (a program may test "
                    + "them); the names and labels beside them are what to show, in the tenant's language.")
    public record DrillDownItem(
            @Schema(description = "LEAD, DEAL or TASK.") String cardType,
            @Schema(description = "The card's id.") UUID cardId,

            @Schema(description = "What to show: the client's name, or the task's title, when known.")
            String title,

            @Schema(description = "The lead source, when known.")
            String source,

            @Schema(
                    description = "The manager who owns it (for the figure's purpose: the assignee of a task, the "
                            + "manager credited with a win, the manager a transfer moved the card to).")
            UUID managerId,

            @Schema(description = "That manager's name from the roster; absent when the roster does not know them.")
            String managerName,

            @Schema(
                    description = "The card's stage code: LEAD:<status> for a lead (LEAD:NEW…), the pipeline stage's "
                            + "id for a deal; absent for a task.",
                    example = "LEAD:IN_WORK")
            String stage,

            @Schema(
                    description = "The stage's name: the lead status's label, or the pipeline stage's name.",
                    example = "В работе")
            String stageName,

            @Schema(
                    description = "The card's status code: for a lead NEW, IN_WORK, QUALIFIED, REJECTED or CONVERTED; "
                            + "for a deal OPEN, WON or LOST; for a task OPEN.",
                    example = "WON")
            String status,

            @Schema(description = "The status's label in the tenant's language.", example = "Выиграна")
            String statusLabel,

            @Schema(
                    description =
                            "The moment the figure is about: when the lead came in, the task fell due, the card was last touched.")
            Instant at,

            @Schema(description = "Whole days from `at` to the moment of the query, for age-type figures.")
            Long ageDays,

            @Schema(
                    description = "A reason, when the figure is about one: a rejection or loss reason's code, or a "
                            + "note such as why a deal has no amount.",
                    example = "no_budget")
            String reason,

            @Schema(
                    description = "The reason as shown to people, in the tenant's language (a code the catalogue "
                            + "does not know is shown as it is).",
                    example = "Нет бюджета")
            String reasonLabel,

            @Schema(
                    description = "For a deal: its amount in the tenant's base currency (the final amount of a won "
                            + "deal), two decimals; absent for other cards and for a deal without an exchange rate.")
            BigDecimal amount,

            @Schema(
                    description = "The system of the card's reference in the integrator's own CRM (a lead, deal or "
                            + "task sent by reference); absent when it has none.",
                    example = "amocrm")
            String externalSystem,

            @Schema(description = "The card's id in that system; absent when it has none.", example = "184233")
            String externalId,

            @Schema(
                    description = "Working days from `at` to the moment of the query in the tenant's calendar (the "
                            + "working days after the day of `at`, up to and including today), beside ageDays: for "
                            + "forgotten cards and overdue tasks.")
            Long ageWorkingDays) {

        /** A card as a query finds it: ids and codes; {@link Labels} adds the names and labels of a page. */
        public static DrillDownItem of(
                String cardType,
                UUID cardId,
                UUID managerId,
                String title,
                String source,
                String stage,
                String status,
                Instant at,
                Long ageDays,
                String reason) {
            return new DrillDownItem(
                    cardType, cardId, title, source, managerId, null, stage, null, status, null, at, ageDays, reason,
                    null, null, null, null, null);
        }

        public DrillDownItem withAgeWorkingDays(Long days) {
            return edit(b -> b.ageWorkingDays = days);
        }

        public DrillDownItem withAmount(BigDecimal value) {
            return edit(b -> b.amount = value);
        }

        public DrillDownItem withManager(UUID manager) {
            return edit(b -> b.managerId = manager);
        }

        public DrillDownItem withReference(String system, String id) {
            return edit(b -> {
                b.externalSystem = system;
                b.externalId = id;
            });
        }

        public DrillDownItem labelled(String manager, String stageLabel, String statusText, String reasonText) {
            return edit(b -> {
                b.managerName = manager;
                b.stageName = stageLabel;
                b.statusLabel = statusText;
                b.reasonLabel = reasonText;
            });
        }

        /** The same card with the fields {@code change} sets on a copy of its fields: every wither's one path. */
        private DrillDownItem edit(java.util.function.Consumer<Fields> change) {
            Fields b = new Fields(this);
            change.accept(b);
            return b.build();
        }

        /** A card's fields, mutable, for {@link #edit}. */
        private static final class Fields {
            private final String cardType;
            private final UUID cardId;
            private final String title;
            private final String source;
            private UUID managerId;
            private String managerName;
            private final String stage;
            private String stageName;
            private final String status;
            private String statusLabel;
            private final Instant at;
            private final Long ageDays;
            private final String reason;
            private String reasonLabel;
            private BigDecimal amount;
            private String externalSystem;
            private String externalId;
            private Long ageWorkingDays;

            Fields(DrillDownItem item) {
                cardType = item.cardType;
                cardId = item.cardId;
                title = item.title;
                source = item.source;
                managerId = item.managerId;
                managerName = item.managerName;
                stage = item.stage;
                stageName = item.stageName;
                status = item.status;
                statusLabel = item.statusLabel;
                at = item.at;
                ageDays = item.ageDays;
                reason = item.reason;
                reasonLabel = item.reasonLabel;
                amount = item.amount;
                externalSystem = item.externalSystem;
                externalId = item.externalId;
                ageWorkingDays = item.ageWorkingDays;
            }

            DrillDownItem build() {
                return new DrillDownItem(
                        cardType,
                        cardId,
                        title,
                        source,
                        managerId,
                        managerName,
                        stage,
                        stageName,
                        status,
                        statusLabel,
                        at,
                        ageDays,
                        reason,
                        reasonLabel,
                        amount,
                        externalSystem,
                        externalId,
                        ageWorkingDays);
            }
        }
    }
}
