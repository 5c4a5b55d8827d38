package com.salespulse.integration.importjob;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;

@Path("/api/v1/imports")
@Tag(name = "Imports", description = "Bulk imports of a CRM's history, applied row by row through the owning services")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    /** NDJSON: one JSON object per line. */
    public static final String NDJSON = "application/x-ndjson";

    private final ImportService imports;
    private final CurrentCaller caller;
    private final JsonWebToken token;

    public ImportResource(ImportService imports, CurrentCaller caller, JsonWebToken token) {
        this.imports = imports;
        this.caller = caller;
        this.token = token;
    }

    @POST
    @Consumes(NDJSON)
    @RolesAllowed({ Roles.HEAD, Roles.INTEGRATOR })
    @Operation(summary = "Upload an import file", description = "An NDJSON file, one record per line: "
            + "{\"recordType\": \"<kind>\", \"externalSystem\": \"...\", \"externalId\": \"...\", ...the owner's PUT by-ref "
            + "body, with occurredAt for history}. Kinds: manager, team, client, lead, contact-attempt, "
            + "lead-conversion (lead-service); product, pipeline, deal, task, activity, plan (deal-service). The "
            + "file's shape is checked now and a wrong one refused whole; the job then applies the rows in file order, "
            + "each as the owner's PUT /api/v1/<collection>/by-ref/{externalSystem}/{externalId}, and records the "
            + "rows the owner refuses (GET .../errors) while going on. dryRun=true sends every row with dryRun=true: "
            + "the owners validate and write nothing. Limits: 32 MiB, 200 000 rows, 64 KiB a row. Roles: head, "
            + "integrator.")
    @RequestBody(content = @Content(mediaType = NDJSON, schema = @Schema(type =
            org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, description = "One JSON object per "
                    + "line.", example = "{\"recordType\":\"manager\",\"externalSystem\":\"amocrm\",\"externalId\":\"7\","
                    + "\"name\":\"Olga Ivanova\",\"occurredAt\":\"2025-01-09T09:00:00+03:00\"}")))
    @APIResponse(responseCode = "202", description = "Stored as a job; Location points to its progress.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportApi.Job.class)))
    @APIResponse(responseCode = "400", description = "The file is not an import file: a row that is not a JSON "
            + "object, an unknown recordType, a missing or malformed externalSystem/externalId, a row over 64 KiB, no rows; "
            + "the problem names up to 20 of them as rows[i].field (row i is line i+1). Or a query parameter is "
            + "invalid.")
    @APIResponse(responseCode = "413", description = "The file is larger than 32 MiB or has more than 200 000 rows.")
    @APIResponse(responseCode = "415", description = "The body is not application/x-ndjson.")
    public Response upload(
            @Parameter(description = "true: the owners only validate each row; nothing is written.")
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Parameter(description = "The file's format; ndjson (the suite's own record shapes) for now.")
            @QueryParam("format") @DefaultValue("ndjson") @Size(max = 20)
            @Pattern(regexp = "ndjson", message = "must be ndjson") String format,
            InputStream body) {
        // the owners record the uploader as the actor of every change the job makes
        String uploader = token.getSubject() != null ? token.getSubject() : token.getName();
        ImportJob job = imports.upload(caller.tenant(), uploader == null ? "integrator" : uploader, format, dryRun,
                body);
        return Response.accepted(imports.find(job.tenantId, job.id))
                .location(URI.create("/api/v1/imports/" + job.id)).build();
    }

    @GET
    @RolesAllowed({ Roles.HEAD, Roles.INTEGRATOR })
    @Operation(summary = "List import jobs", description = "The tenant's jobs, newest first. Roles: head, integrator.")
    @APIResponse(responseCode = "200", description = "A page of jobs.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportApi.JobPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range.")
    public ImportApi.JobPage list(
            @Parameter(description = "Page number, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0)
            @Max(100000) int page,
            @Parameter(description = "Page size, 1 to 100.") @QueryParam("size") @DefaultValue("20") @Min(1)
            @Max(100) int size) {
        return imports.list(caller.tenant(), page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.HEAD, Roles.INTEGRATOR })
    @Operation(summary = "Read an import's progress", description = "Total, done, applied, failed, percent, rate "
            + "(rows/s), ETA and status. Roles: head, integrator.")
    @APIResponse(responseCode = "200", description = "The job.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportApi.Job.class)))
    @APIResponse(responseCode = "404", description = "No such import in the caller's tenant.")
    @APIResponse(responseCode = "400", description = "The id is the nil UUID.")
    public ImportApi.Job get(@PathParam("id") UUID id) {
        return imports.find(caller.tenant(), id);
    }

    @GET
    @Path("/{id}/errors")
    @RolesAllowed({ Roles.HEAD, Roles.INTEGRATOR })
    @Operation(summary = "Read an import's refused rows", description = "Each row its owner refused, in file order: "
            + "its line number, recordType and reference, the owner's status, the field it named (a JSON path in the row) "
            + "and why. Transient trouble (an owner unreachable) is retried and never listed here. Roles: head, "
            + "integrator.")
    @APIResponse(responseCode = "200", description = "A page of refused rows.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportApi.RowErrorPage.class)))
    @APIResponse(responseCode = "404", description = "No such import in the caller's tenant.")
    @APIResponse(responseCode = "400", description = "page or size out of range, or the id is the nil UUID.")
    public ImportApi.RowErrorPage errors(@PathParam("id") UUID id,
            @Parameter(description = "Page number, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0)
            @Max(100000) int page,
            @Parameter(description = "Page size, 1 to 100.") @QueryParam("size") @DefaultValue("50") @Min(1)
            @Max(100) int size) {
        return imports.errors(caller.tenant(), id, page, size);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ Roles.HEAD, Roles.INTEGRATOR })
    @Operation(summary = "Cancel an import", description = "A queued job ends at once; a running one after the row "
            + "being applied. Rows applied stay applied. Roles: head, integrator.")
    @APIResponse(responseCode = "200", description = "The job: CANCELLED, or RUNNING with cancelRequested until the "
            + "worker stops it.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportApi.Job.class)))
    @APIResponse(responseCode = "404", description = "No such import in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The job has already ended.")
    @APIResponse(responseCode = "400", description = "The id is the nil UUID.")
    public ImportApi.Job cancel(@PathParam("id") UUID id) {
        return imports.cancel(caller.tenant(), id);
    }
}
