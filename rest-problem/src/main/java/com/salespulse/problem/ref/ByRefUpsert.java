package com.salespulse.problem.ref;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
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

    /**
     * The answer of an upsert: 201 with {@code location} (when the entity has one to read it at) for a created
     * entity, else 200; {@code body} either way.
     */
    public static Response answer(boolean created, String location, Object body) {
        if (!created) {
            return Response.ok(body).build();
        }
        return (location == null ? Response.status(Response.Status.CREATED) : Response.created(URI.create(location)))
                .entity(body)
                .build();
    }
}
