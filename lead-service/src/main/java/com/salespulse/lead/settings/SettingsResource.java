package com.salespulse.lead.settings;

import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/settings")
@Tag(name = "Settings", description = "The tenant's lead handling settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final TenantSettingsService settings;

    public SettingsResource(TenantSettingsService settings) {
        this.settings = settings;
    }

    @Schema(name = "TenantSettings", description = "How the tenant handles leads.")
    public record View(
            @Schema(description = "IANA time zone shifts are read in.", example = "Europe/Moscow")
            String timeZone,

            @Schema(description = "Region for phones without a country code.", example = "RU")
            String phoneRegion,

            @Schema(description = "MANUAL, ROUND_ROBIN or LEAST_LOADED.")
            String distributionMode,

            @Schema(description = "LINK_AND_FLAG or REFUSE.")
            String duplicatePolicy,

            @Schema(description = "Failed contact attempts after which a lead is unreached.")
            int unreachedThreshold,

            @Schema(description = "Days without change after which an open lead is stale.")
            int staleDays,

            @Schema(description = "The version; 0 while the defaults were never changed.")
            long version) {}

    @Schema(name = "ChangeTenantSettingsRequest", description = "New settings; a field left out keeps its value.")
    public record Change(
            @Schema(description = "IANA time zone.", example = "Asia/Yekaterinburg") @Size(max = 64)
            String timeZone,

            @Schema(description = "ISO 3166 region code.", example = "KZ") @Size(min = 2, max = 3)
            String phoneRegion,

            @Schema(description = "MANUAL, ROUND_ROBIN or LEAST_LOADED.")
            TenantSettings.DistributionMode distributionMode,

            @Schema(description = "LINK_AND_FLAG or REFUSE.")
            TenantSettings.DuplicatePolicy duplicatePolicy,

            @Schema(description = "1 to 50.") @Min(1) @Max(50)
            Integer unreachedThreshold,

            @Schema(description = "1 to 3650.") @Min(1) @Max(3650)
            Integer staleDays) {}

    @GET
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Read the tenant's settings",
            description =
                    "The defaults until the head of sales changes "
                            + "them: Europe/Moscow, RU, LEAST_LOADED, LINK_AND_FLAG, 3 attempts, 30 days. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The settings.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class)))
    public View get() {
        return view(settings.current());
    }

    @PATCH
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Change the tenant's settings",
            description = "Emits salespulse.roster.tenant-settings-changed "
                    + "with all settings before and after. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The settings as they are now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class)))
    public View change(@NotNull(message = "a JSON body is required") @Valid Change request) {
        return view(settings.change(new TenantSettingsService.Changes(
                request.timeZone(),
                request.phoneRegion() == null ? null : request.phoneRegion().toUpperCase(),
                request.distributionMode(),
                request.duplicatePolicy(),
                request.unreachedThreshold(),
                request.staleDays())));
    }

    private static View view(TenantSettings s) {
        return new View(
                s.timeZone,
                s.phoneRegion,
                s.distributionMode.name(),
                s.duplicatePolicy.name(),
                s.unreachedThreshold,
                s.staleDays,
                s.version);
    }
}
