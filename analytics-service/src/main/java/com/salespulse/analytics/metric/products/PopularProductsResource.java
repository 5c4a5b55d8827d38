package com.salespulse.analytics.metric.products;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricParams;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.MetricRequests;
import com.salespulse.analytics.metric.products.PopularProductsQuery.SortBy;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/metrics/popular-products")
@Tag(name = "Metrics", description = "The head of sales' control metrics")
@Produces({MediaType.APPLICATION_JSON, MetricAnswer.CSV, MetricAnswer.XLSX})
public class PopularProductsResource {

    private final PopularProductsQuery query;
    private final Labels labels;
    private final MetricRequests requests;

    public PopularProductsResource(PopularProductsQuery query, MetricRequests requests, Labels labels) {
        this.query = query;
        this.requests = requests;
        this.labels = labels;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "Metric 8: popular products and categories by won quantity, revenue and deals; offered vs sold",
            description =
                    PopularProductsFigures.DEFINITION + " Filters: managerId, teamId, source, pipelineId. "
                            + DealFacts.TEAM_RULE + " The "
                            + "drill-down lists the won deals with the product given as productId (or with any product line), "
                            + "newest win first. A manager sees only their own deals. Roles: head, team-lead (their teams), manager.")
    @APIResponse(responseCode = "200", description = "The figures and the deals behind them.")
    @APIResponse(responseCode = "403", description = MetricRequests.FORBIDDEN)
    public MetricAnswer<PopularProductsFigures> popularProducts(
            @BeanParam MetricParams params,
            @Parameter(
                            description = "Order of the products: revenue (default), quantity or deals.",
                            example = "quantity")
                    @QueryParam("sortBy")
                    String sortBy,
            @Parameter(description = "The product (UUID) whose won deals the drill-down lists.")
                    @QueryParam("productId")
                    UUID product) {
        SortBy order = sortBy(sortBy);
        MetricRequest request = requests.resolve(params);
        return labels.answer(request, query.answer(request, order, product));
    }

    static SortBy sortBy(String sortBy) {
        if (sortBy == null || sortBy.isBlank()) {
            return SortBy.REVENUE;
        }
        try {
            return SortBy.valueOf(sortBy.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("sortBy", "must be revenue, quantity or deals");
        }
    }
}
