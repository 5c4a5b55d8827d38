package com.salespulse.security;

import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemResponses;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Documents the 401, 403 and 429 answers of every secured operation (naming the roles it allows, and the rate limits of
 * {@link RateLimits}), so resources declare only the errors that are their own.
 */
// at start-up, on the finished document: Quarkus adds bare 401/403 entries for secured operations at build time
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class SecuredOperationResponses implements OASFilter {

    /** The descriptions of the bare 401 and 403 entries Quarkus adds to a secured operation at build time. */
    private static final Set<String> QUARKUS_PLACEHOLDERS = Set.of("Not Authorized", "Not Allowed");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                List<SecurityRequirement> security = operation.getSecurity();
                if (security == null || security.isEmpty() || operation.getResponses() == null) {
                    continue;
                }
                TreeSet<String> roles = new TreeSet<>();
                security.forEach(
                        requirement -> requirement.getSchemes().values().forEach(roles::addAll));
                addIfAbsent(
                        operation,
                        "401",
                        "No valid bearer token: missing, malformed, expired, or not signed by the "
                                + "configured issuer.");
                addIfAbsent(
                        operation,
                        "403",
                        roles.isEmpty()
                                ? "The caller's role may not call this operation."
                                : "The caller's role is not one of: " + String.join(", ", roles) + ".");
                addIfAbsent(
                        operation,
                        "429",
                        "The tenant's or this client's rate limit is reached; Retry-After says in how many seconds "
                                + "to try again.");
                ProblemResponses.sortByStatus(operation);
            }
        }
    }

    /**
     * Adds the answer, or replaces the placeholder Quarkus put there. Resources declare their errors without a body
     * (rest-problem's {@code ProblemResponses} adds it), so the placeholder is told by its words, not by lacking one.
     */
    private static void addIfAbsent(Operation operation, String status, String description) {
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        APIResponse existing = responses == null ? null : responses.get(status);
        if (existing != null && !QUARKUS_PLACEHOLDERS.contains(existing.getDescription())) {
            return; // the resource documents this answer itself
        }
        operation
                .getResponses()
                .addAPIResponse(
                        status,
                        OASFactory.createAPIResponse()
                                .description(description)
                                .content(OASFactory.createContent()
                                        .addMediaType(
                                                Problem.MEDIA_TYPE,
                                                OASFactory.createMediaType()
                                                        .schema(OASFactory.createSchema()
                                                                .ref("Problem")))));
    }
}
