package com.salespulse.problem.ref;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The parameters of a by-ref upsert, {@code PUT .../by-ref/{externalSystem}/{externalId}?dryRun=true}, as a
 * {@code @BeanParam}: the {@link ByRef} path and {@code dryRun} (validate and answer as the real call would, writing
 * nothing).
 */
public class ByRefUpsert extends ByRef {

    @Parameter(description = "true: validate and answer as the real call would, writing nothing.")
    @QueryParam("dryRun")
    @DefaultValue("false")
    boolean dryRun;

    public boolean dryRun() {
        return dryRun;
    }
}
