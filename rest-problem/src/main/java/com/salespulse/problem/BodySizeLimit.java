package com.salespulse.problem;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request body larger than the API accepts with a 413 problem, before it is read. The HTTP layer's own
 * limit ({@code quarkus.http.limits.max-body-size}) is set higher, as a safety net for bodies that do not declare
 * their length: it answers a bare 413 that no mapper can dress.
 */
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "salespulse.api.max-body-bytes", defaultValue = "1048576") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public void refuseOversizedBodies(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + maxBytes + " bytes", List.of());
        }
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
