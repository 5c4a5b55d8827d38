package com.salespulse.lead;

import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;

/** A refused duplicate: 409 problem whose Location header (and detail) point at the existing card. */
@Provider
public class DuplicateLeadMapper implements ExceptionMapper<DuplicateLeadException> {

    @Override
    public Response toResponse(DuplicateLeadException e) {
        Problem problem = new Problem(
                URI.create("urn:salespulse:problem:duplicate"),
                "Duplicate",
                ProblemType.CONFLICT.status(),
                e.getMessage(),
                List.of(new Problem.InvalidField("existing", e.existing().toString())));
        return Response.status(Response.Status.CONFLICT)
                .type(Problem.MEDIA_TYPE)
                .location(e.existing())
                .entity(problem)
                .build();
    }
}
