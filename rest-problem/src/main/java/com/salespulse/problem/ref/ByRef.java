package com.salespulse.problem.ref;

import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The path of a by-ref operation, {@code .../by-ref/{externalSystem}/{externalId}}, as a {@code @BeanParam}: the
 * entity named by the reference it has in the tenant's own system. {@link #ref()} checks it by the rules a reference
 * in a body obeys, and answers a 400 naming the path parameter that breaks them.
 */
public class ByRef {

    @Parameter(
            description = "The reference's system, lower case (e.g. amocrm).",
            schema = @Schema(type = SchemaType.STRING, maxLength = 40))
    @PathParam("externalSystem")
    String externalSystem;

    @Parameter(
            description = "The entity's id in that system.",
            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    @PathParam("externalId")
    String externalId;

    /** The reference named by the path; a 400 naming externalSystem or externalId when it breaks the rules. */
    public ExternalRef ref() {
        return ExternalRef.ofPath(externalSystem, externalId);
    }

    /** {@code amocrm/42}, as the path has it: how a 404 names what it did not find. */
    @Override
    public String toString() {
        return externalSystem + "/" + externalId;
    }
}
