package com.salespulse.analytics.export;

import com.salespulse.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Checks {@code table} on every operation answering a {@code MetricAnswer}, before the metric is computed. */
public class ExportTableFilter {

    private final ExportTable table;

    public ExportTableFilter(ExportTable table) {
        this.table = table;
    }

    @ServerRequestFilter
    public void checkTable(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return;
        }
        Class<?> figures = MetricTables.figuresType(resource.getResourceMethod().getGenericReturnType());
        String asked = request.getUriInfo().getQueryParameters().getFirst("table");
        if (figures == null || asked == null || asked.isBlank()) {
            return;
        }
        String name = asked.trim();
        if (!MetricTables.known(figures, name)) {
            throw ProblemException.invalidField(
                    "table", "must be one of " + String.join(", ", MetricTables.names(figures)));
        }
        table.use(name);
    }
}
