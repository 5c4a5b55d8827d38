package com.salespulse.lead.settings;

import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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

    @GET
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Read the tenant's settings",
            description = "The defaults until the head of sales changes "
                    + "them: Europe/Moscow, RU, LEAST_LOADED, LINK_AND_FLAG, 3 attempts, 30 days, Saturday and Sunday "
                    + "off, no calendar days, ru. The time zone, calendar and language are the tenant's for "
                    + "the whole suite. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The settings.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SettingsApi.SettingsView.class)))
    public SettingsApi.SettingsView get() {
        return view(settings.current());
    }

    @PATCH
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Change the tenant's settings",
            description = "Emits salespulse.roster.tenant-settings-changed "
                    + "with all settings before and after; the other services take the time zone, weekly days off, "
                    + "calendar days and language from it (notification-service's daily digest, for one). "
                    + "calendarDays replaces the whole list. Role: head.")
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem names it.")
    @APIResponse(
            responseCode = "200",
            description = "The settings as they are now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SettingsApi.SettingsView.class)))
    public SettingsApi.SettingsView change(
            @NotNull(message = "a JSON body is required") @Valid SettingsApi.SettingsUpdate request) {
        return view(settings.change(new TenantSettingsService.Changes(
                request.timeZone(),
                request.phoneRegion() == null ? null : request.phoneRegion().toUpperCase(),
                request.distributionMode(),
                request.duplicatePolicy(),
                request.unreachedThreshold(),
                request.staleDays(),
                request.weekendDays(),
                request.calendarDays() == null
                        ? null
                        : request.calendarDays().stream()
                                .map(d -> new CalendarDay(d.date(), d.kind()))
                                .toList(),
                request.language())));
    }

    @PUT
    @Path("/production-calendar")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Load a Russian production calendar into the calendar days",
            description = "Takes a production calendar file in the xmlcalendar.ru format "
                    + "(`<calendar year=\"2026\"><days><day d=\"11.04\" t=\"1\"/>…</days></calendar>`; t=1 day off, "
                    + "t=2 shortened day, t=3 weekend day made working) and replaces the calendar days of that year "
                    + "with the file's; other years' days stay. Emits salespulse.roster.tenant-settings-changed as a "
                    + "change does. Role: head.")
    @RequestBody(
            description = "The calendar file.",
            required = true,
            content = @Content(mediaType = MediaType.APPLICATION_XML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The file is not a valid calendar; the problem names the element.")
    @APIResponse(
            responseCode = "200",
            description = "The settings as they are now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SettingsApi.SettingsView.class)))
    public SettingsApi.SettingsView loadProductionCalendar(String file) {
        ProductionCalendarFile.Parsed parsed = ProductionCalendarFile.parse(file);
        return view(settings.loadYear(parsed.year(), parsed.days()));
    }

    private static SettingsApi.SettingsView view(TenantSettings s) {
        return new SettingsApi.SettingsView(
                s.timeZone,
                s.phoneRegion,
                s.distributionMode.name(),
                s.duplicatePolicy.name(),
                s.unreachedThreshold,
                s.staleDays,
                s.weekend().stream().sorted().toList(),
                s.calendarDays.stream()
                        .map(d -> new SettingsApi.CalendarDayView(d.day, d.kind))
                        .toList(),
                s.language,
                s.version);
    }
}
