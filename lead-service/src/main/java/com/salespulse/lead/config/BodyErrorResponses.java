package com.salespulse.lead.config;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import com.salespulse.problem.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the answers every operation shares by its shape, so resources declare only their own: 400 for one that
 * takes parameters or a body (a value refused, the nil UUID as an id), 413 and 415 for one that takes a JSON body.
 * An answer the resource documents itself is kept.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class BodyErrorResponses implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            boolean pathParameters = path.getParameters() != null && !path.getParameters().isEmpty();
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                boolean body = operation.getRequestBody() != null;
                boolean parameters = pathParameters
                        || (operation.getParameters() != null && !operation.getParameters().isEmpty());
                if (body || parameters) {
                    addIfAbsent(operation, "400", "A parameter or field is invalid (an id that is not a UUID, or is "
                            + "the nil UUID); the problem names it.");
                }
                if (body) {
                    addIfAbsent(operation, "413", "The body is larger than 1 MiB.");
                    addIfAbsent(operation, "415", "The body is not JSON (Content-Type application/json).");
                }
            }
        }
    }

    private static void addIfAbsent(Operation operation, String status, String description) {
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses != null && responses.containsKey(status)) {
            return;
        }
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem")))));
    }
}
