package com.salespulse.analytics.metric;

import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters every metric takes: the period, the filters and the drill-down page. Dates, months and ids
 * are typed (rest-problem's {@code StrictParamConverters} answers a bad value with a 400 naming it); page and size
 * are read as text and checked by {@link MetricRequests}, which names them too (a failed int conversion would be a
 * bare 404). A metric ignores the filters that do not apply to it.
 */
public class MetricParams {

    /** The period's and filters' descriptions, shared with {@link TrendPeriod}. */
    static final String FROM =
            "First day of the period, inclusive (YYYY-MM-DD, years 1900–2100). Give from and to, or month.";

    static final String TO = "Last day of the period, inclusive (YYYY-MM-DD, years 1900–2100); at most "
            + MetricRequests.MAX_PERIOD_DAYS
            + " days after from (from 2026-01-01, to 2027-01-02 is the longest).";
    static final String MONTH = "A calendar month instead of from/to (YYYY-MM, years 1900–2100).";
    static final String MANAGER_ID =
            "Only this manager's cards (UUID). A manager's token is always limited to the manager's own.";
    static final String TEAM_ID = "Only cards of managers in this team (UUID): an open card or task by the team its "
            + "owner is in now, a won or lost deal by the team its owner was in when it closed; each metric's "
            + "description says exactly what it filters.";
    static final String SOURCE = "Only cards from this lead source.";
    static final String PIPELINE_ID = "Only deals in this pipeline (UUID).";

    @QueryParam("from")
    @Parameter(description = FROM, example = "2026-11-01", schema = @Schema(type = SchemaType.STRING, format = "date"))
    public LocalDate from;

    @QueryParam("to")
    @Parameter(description = TO, example = "2026-11-30", schema = @Schema(type = SchemaType.STRING, format = "date"))
    public LocalDate to;

    @QueryParam("month")
    @Parameter(
            description = MONTH,
            example = "2026-11",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$"))
    public YearMonth month;

    @QueryParam("managerId")
    @Parameter(description = MANAGER_ID)
    public UUID managerId;

    @QueryParam("teamId")
    @Parameter(description = TEAM_ID)
    public UUID teamId;

    @QueryParam("source")
    @Parameter(description = SOURCE)
    public String source;

    @QueryParam("pipelineId")
    @Parameter(description = PIPELINE_ID)
    public UUID pipelineId;

    @QueryParam("page")
    @Parameter(
            description = "Drill-down page by number, from 0; anything else is a 400 naming page. The older, slower "
                    + "way past the first page (the database reads and drops every earlier card, and a card added "
                    + "meanwhile shifts the pages): prefer cursor, which page may not be given with.",
            example = "0",
            schema =
                    @Schema(
                            type = SchemaType.INTEGER,
                            format = "int32",
                            minimum = "0",
                            maximum = "" + MetricRequests.MAX_PAGE,
                            defaultValue = "0"))
    public String page;

    @QueryParam("size")
    @Parameter(
            description = "Drill-down page size, 1–200 (default 50); an export (Accept text/csv or XLSX) may ask for "
                    + "up to " + MetricRequests.MAX_EXPORT_SIZE
                    + " rows in one file. Anything else is a 400 naming size.",
            example = "50",
            schema =
                    @Schema(
                            type = SchemaType.INTEGER,
                            format = "int32",
                            minimum = "1",
                            maximum = "" + MetricRequests.MAX_PAGE_SIZE,
                            defaultValue = "" + MetricRequests.DEFAULT_PAGE_SIZE))
    public String size;

    @QueryParam("cursor")
    @Parameter(
            description = "The drill-down page after another: the drillDown.nextCursor of the previous page's answer, "
                    + "as it came, with the same metric, figure, period, filters and sort (size may change). The page "
                    + "is read from where the previous one ended (keyset), so the database does not read and drop "
                    + "the earlier pages' cards, and a card added meanwhile before it neither repeats nor skips a "
                    + "card: the way to walk a long list. Its answer leaves drillDown.totalItems out (the first "
                    + "page's count holds: counting reads the whole list). Not with page (a 400 naming cursor); a "
                    + "cursor of another query, or altered, is a 400 naming cursor.",
            schema = @Schema(type = SchemaType.STRING, maxLength = DrillCursor.MAX_LENGTH))
    public String cursor;

    @QueryParam("sort")
    @Parameter(
            description = "Drill-down order, applied before paging (and to the CSV/XLSX export's rows): a field of the "
                    + "drill-down's allow-list, or -field for descending; ties in the card's id, in the same "
                    + "direction. Left out, the drill-down's own order (its description says which). The answer's "
                    + "drillDown.sortableBy lists the drill-down's fields (at, title, source and, where the "
                    + "drill-down has them, amount, ageDays, status, stage, reason: docs/metrics.md); any other "
                    + "value is a 400 naming sort.",
            example = "-amount",
            schema = @Schema(type = SchemaType.STRING, maxLength = 16, pattern = "^-?[a-zA-Z]+$"))
    public String sort;

    @QueryParam("table")
    @Parameter(
            description = "For a CSV export (Accept text/csv): which of the answer's tables the file holds — figures "
                    + "(the default: one row per single figure), a list of the figures by its name (byManager, "
                    + "managers.byStage...), drillDown (the cards of the page) or about (the period, filters and asOf); "
                    + "docs/export.md lists each metric's. An XLSX holds every table, a sheet each; JSON ignores it. "
                    + "A name the metric does not have is a 400 naming table.",
            example = "drillDown")
    public String table;
}
