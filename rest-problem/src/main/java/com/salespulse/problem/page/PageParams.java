package com.salespulse.problem.page;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging query parameters of a list, {@code ?page=0&size=20}, as a {@code @BeanParam} (validate it with
 * {@code @Valid}): page {@value #MAX_PAGE} at most, size 1 to {@value #MAX_SIZE}. A value out of range is a 400
 * naming {@code page} or {@code size}.
 */
public class PageParams {

    public static final int MAX_PAGE = 100_000;
    public static final int MAX_SIZE = 100;

    @Parameter(description = "Page number, from 0.")
    @QueryParam("page")
    @DefaultValue("0")
    @Min(0)
    @Max(MAX_PAGE)
    int page;

    @Parameter(description = "Page size, 1 to 100.")
    @QueryParam("size")
    @DefaultValue("20")
    @Min(1)
    @Max(MAX_SIZE)
    int size;

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }
}
