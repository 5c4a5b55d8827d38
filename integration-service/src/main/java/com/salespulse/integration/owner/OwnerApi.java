package com.salespulse.integration.owner;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The part of an owning service's API the importer calls. Built per owner by {@link OwnerClient} with the owner's
 * base URL; answers of any status come back as a {@link Response} (the default exception mapper is off).
 */
@Path("/api/v1")
public interface OwnerApi {

    @PUT
    @Path("/{collection}/by-ref/{externalSystem}/{externalId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response upsertByRef(
            @PathParam("collection") String collection,
            @PathParam("externalSystem") String externalSystem,
            @PathParam("externalId") String externalId,
            @QueryParam("dryRun") Boolean dryRun,
            @HeaderParam("Authorization") String authorization,
            String body);

    /** An action on a card named by reference: a lead's {@code convert}, a manager's {@code dismissal}. */
    @POST
    @Path("/{collection}/by-ref/{externalSystem}/{externalId}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response actByRef(
            @PathParam("collection") String collection,
            @PathParam("externalSystem") String externalSystem,
            @PathParam("externalId") String externalId,
            @PathParam("action") String action,
            @QueryParam("dryRun") Boolean dryRun,
            @HeaderParam("Authorization") String authorization,
            String body);
}
