package com.salespulse.integration;

import com.salespulse.problem.page.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging query parameters of a job's or a connection's rows (an import's refused and skipped rows, an amoCRM
 * connection's parked and other changes), as a {@code @BeanParam} (validate it with {@code @Valid}): the limits of
 * {@link PageParams}, but 50 rows a page by default, the size these lists have always answered when none is asked.
 * A value out of range is a 400 naming {@code page} or {@code size}.
 */
public class RowPageParams {

    @Parameter(description = "Page number, from 0.")
    @QueryParam("page")
    @DefaultValue("0")
    @Min(0)
    @Max(PageParams.MAX_PAGE)
    int page;

    @Parameter(description = "Page size, 1 to 100.")
    @QueryParam("size")
    @DefaultValue("50")
    @Min(1)
    @Max(PageParams.MAX_SIZE)
    int size;

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }
}
