package com.salespulse.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the error answers every operation of every service shares, so resources declare only their own errors,
 * by status and description: 400 for an operation that takes parameters or a body (a value refused, the nil UUID as
 * an id), 413 and 415 for one that takes a JSON body, 500 for all; and the {@code application/problem+json} body of
 * every 4xx and 5xx answer that has none (the {@link ProblemMappers} answer every error with one). An answer the
 * resource documents itself keeps its description.
 */
// at start-up, on the finished document, so it also sees the answers other filters and Quarkus add
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ProblemResponses implements OASFilter {

    /** The description of the 400 Quarkus adds at build time to an operation with a {@code @Valid} body. */
    private static final String QUARKUS_PLACEHOLDER = "Bad Request";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            boolean pathParameters =
                    path.getParameters() != null && !path.getParameters().isEmpty();
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() == null) {
                    continue;
                }
                boolean body = operation.getRequestBody() != null;
                boolean parameters = pathParameters
                        || (operation.getParameters() != null
                                && !operation.getParameters().isEmpty());
                if (body || parameters) {
                    addIfAbsent(
                            operation,
                            "400",
                            "A parameter or field is invalid (an id that is not a UUID, or is "
                                    + "the nil UUID); the problem names it.");
                }
                if (body) {
                    addIfAbsent(operation, "413", "The body is larger than 1 MiB.");
                    addIfAbsent(operation, "415", "The body is not JSON (Content-Type application/json).");
                }
                addIfAbsent(operation, "500", "An unexpected error; it is logged, and the problem says no more.");
                addProblemBodies(operation);
                sortByStatus(operation);
            }
        }
    }

    /**
     * Orders an operation's answers by status ({@code default} last). Filters that run at start-up run in no fixed
     * order, and each appends the answers it adds: sorted, the document is the same on every start.
     */
    public static void sortByStatus(Operation operation) {
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses == null || responses.size() < 2) {
            return;
        }
        operation.getResponses().setAPIResponses(new java.util.TreeMap<>(responses));
    }

    private static void addIfAbsent(Operation operation, String status, String description) {
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        APIResponse existing = responses == null ? null : responses.get(status);
        if (existing != null && QUARKUS_PLACEHOLDER.equals(existing.getDescription())) {
            existing.setDescription(description); // the bare entry Quarkus adds for a validated body
            return;
        }
        if (existing != null) {
            return;
        }
        operation
                .getResponses()
                .addAPIResponse(status, OASFactory.createAPIResponse().description(description));
    }

    /** Gives every 4xx and 5xx answer declared without content the problem body. */
    private static void addProblemBodies(Operation operation) {
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses == null) {
            return;
        }
        responses.forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.getContent() == null) {
                response.setContent(problemBody());
            }
        });
    }

    static Content problemBody() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem")));
    }
}
