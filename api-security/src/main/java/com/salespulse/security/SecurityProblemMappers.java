package com.salespulse.security;

import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 and 403 as problem+json, like every other error. Needs {@code quarkus.http.auth.proactive=false}. */
public class SecurityProblemMappers {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        ProblemType type = ProblemType.FORBIDDEN;
        return Response.status(403)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), type.title(), 403, "Your role may not call this operation", List.of()))
                .build();
    }

    private static Response unauthenticated() {
        ProblemType type = ProblemType.UNAUTHORIZED;
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new Problem(
                        type.uri(),
                        type.title(),
                        401,
                        "A valid bearer token is required (missing, expired, or not signed by the configured issuer)",
                        List.of()))
                .build();
    }
}
