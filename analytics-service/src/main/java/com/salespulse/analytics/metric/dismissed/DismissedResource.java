package com.salespulse.analytics.metric.dismissed;

import com.salespulse.analytics.metric.AsOf;
import com.salespulse.analytics.metric.AsOfRequests;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/dismissed-base")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class DismissedResource {

    /** What the drill-down lists; docs/metrics.md says the same. */
    static final String DRILL = "The drill-down lists, by drill: stillOwned (default) the open cards still owned by "
            + "dismissed managers (longest since dismissal first; at = the dismissal, ageDays = days since); transfer the "
            + "cards of the cohort of transferId, baseline the baseline's cards, either all of them or, by outcome "
            + "(touched, won, lost, idle), exactly those counted in that figure, in the order they moved or came in. "
            + "drillDown.figure names the figure: openCardsStillOwned, transfer:<transferId>:<cards|touched|won|lost|"
            + "stillIdle>, baseline:<...>. A cohort or baseline card shows: managerId = the manager the transfer moved it "
            + "to (baseline: its owner now), title = the client's name, status = its outcome state (OPEN, WON, LOST for "
            + "a lost deal or rejected lead, CONVERTED for a lead turned into a deal), at = the move (baseline: the "
            + "lead's creation, the deal's opening), ageDays = whole days from at to the first touch (absent if never "
            + "touched). A deal carries its amount in the base currency at today's rate.";

    private final DismissedQuery query;
    private final Labels labels;
    private final MetricRequests requests;
    private final AsOfRequests asOfRequests;

    public DismissedResource(DismissedQuery query, MetricRequests requests, Labels labels, AsOfRequests asOfRequests) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
        this.asOfRequests = asOfRequests;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 12: dismissed managers' open cards, and every transfer as a cohort against the baseline",
            description = DismissedFigures.DEFINITION
                    + " The period selects the transfers (by start) and the baseline's " + "cards (by creation). "
                    + DismissedFigures.TEAM_RULE + " " + DRILL + " Roles: head, team-lead (their teams), manager.")
    @APIResponse(
            responseCode = "200",
            description = "The figures and the cards behind the one the figure parameters name.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<DismissedFigures> dismissedBase(
            @BeanParam MetricParams params,
            @Parameter(
                            description =
                                    "N: a cohort card counts as touched when touched within N days of the move (1–90, default 3).",
                            example = "3")
                    @QueryParam("touchDays")
                    String touchDays,
            @Parameter(
                            description =
                                    "Which figure's cards the drill-down lists: openCardsStillOwned (default; the open "
                                            + "cards still owned by dismissed managers), transfer (one transfer's cohort, named by transferId) or "
                                            + "baseline; the answer's drillDown.figure names it in full (transfer:<id>:touched).",
                            example = "transfer",
                            schema = @Schema(enumeration = {"openCardsStillOwned", "transfer", "baseline"}))
                    @QueryParam("figure")
                    String figure,
            @Parameter(
                            description =
                                    "The transfer whose cohort to list (UUID); required with figure=transfer and only "
                                            + "allowed with it. A transfer that is not one of this answer's cohorts (another tenant's, started "
                                            + "outside the period, or, for a manager, without a card moved to them) gives an empty list.")
                    @QueryParam("transferId")
                    UUID transferId,
            @Parameter(
                            description =
                                    "With figure=transfer or baseline: all (default; figure cards), touched, won, lost "
                                            + "or idle (figure stillIdle): exactly the cards counted in that figure.",
                            example = "touched")
                    @QueryParam("outcome")
                    String outcome,
            @Parameter(
                            description = "The open cards still owned by dismissed managers (and who was dismissed) as "
                                    + "at a past moment instead of now; the period's transfers and baseline are not "
                                    + "changed by it. "
                                    + AsOf.DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING, example = "2026-11-20"))
                    @QueryParam(AsOf.PARAM)
                    AsOf asOf) {
        int days = 3;
        if (touchDays != null && !touchDays.isBlank()) {
            try {
                days = Integer.parseInt(touchDays.trim());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > 90) {
                throw ProblemException.invalidField("touchDays", "must be a whole number from 1 to 90");
            }
        }
        DismissedDrill cards = DismissedDrill.parse(figure, transferId, outcome);
        MetricRequest request = asOfRequests.keepingPeriod(requests.resolve(params), asOf);
        return labels.answer(request, query.answer(request, days, cards));
    }
}
