package com.salespulse.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Refuses the nil UUID as the id in a path ({@code /api/v1/leads/00000000-0000-0000-0000-000000000000}) with 400
 * naming the path parameter, rather than looking it up, in every service: it is never an id ({@link NilUuid}).
 * Runs after matching, so the parameter has its name.
 */
@Provider
public class NilUuidPathFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter :
                request.getUriInfo().getPathParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (isNil(value)) {
                    NilUuid.refuse(parameter.getKey(), NilUuid.VALUE);
                }
            }
        }
    }

    private static boolean isNil(String value) {
        try {
            return NilUuid.is(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
