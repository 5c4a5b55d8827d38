package com.salespulse.analytics.settings;

import com.salespulse.problem.Currencies;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/settings")
@Tag(name = "Settings", description = "The tenant's time zone, currency and working-day calendar")
@Produces(MediaType.APPLICATION_JSON)
public class TenantSettingsResource {

    private final TenantCalendar calendars;
    private final TenantSettingsStore store;
    private final CurrentCaller caller;

    public TenantSettingsResource(TenantCalendar calendars, TenantSettingsStore store, CurrentCaller caller) {
        this.calendars = calendars;
        this.store = store;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "The tenant's settings",
            description = "The time zone, base currency, weekly days off, the "
                    + "language of labels and the forgotten cards' grace; defaults (Europe/Moscow, RUB, Saturday and Sunday, "
                    + "ru, 24 hours) until the head of sales sets them. Roles: head, team-lead (their teams), manager.")
    @APIResponse(
            responseCode = "200",
            description = "The settings.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TenantSettingsView.class)))
    public TenantSettingsView settings() {
        return view(calendars.calendar(caller.tenant()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Set the tenant's settings",
            description =
                    "Replaces the time zone, base currency, weekly "
                            + "days off, language and forgotten cards' grace (the last two optional: absent means the default). Metrics cut days and count working days with them from the next query on. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The settings now in force.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TenantSettingsView.class)))
    public TenantSettingsView update(TenantSettingsView settings) {
        if (settings == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        if (settings.timeZone() == null || settings.timeZone().isBlank()) {
            throw ProblemException.invalidField("timeZone", "is required, e.g. Europe/Moscow");
        }
        try {
            ZoneId.of(settings.timeZone().trim());
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("timeZone", "must be an IANA time zone such as Europe/Moscow");
        }
        String currency =
                settings.baseCurrency() == null ? "" : settings.baseCurrency().trim();
        if (!Currencies.isReal(currency)) {
            throw ProblemException.invalidField(
                    "baseCurrency", "must be the ISO 4217 code of a real currency, such as RUB");
        }
        if (settings.weekendDays() == null) {
            throw ProblemException.invalidField("weekendDays", "is required (may be empty)");
        }
        if (settings.weekendDays().contains(null)
                || new HashSet<>(settings.weekendDays()).size()
                        != settings.weekendDays().size()) {
            throw ProblemException.invalidField("weekendDays", "must list each day at most once");
        }
        if (settings.weekendDays().size() == 7) {
            throw ProblemException.invalidField("weekendDays", "must leave at least one working day in the week");
        }
        String language =
                settings.language() == null ? null : settings.language().trim();
        if (language != null && !language.equals("ru") && !language.equals("en")) {
            throw ProblemException.invalidField("language", "must be ru or en");
        }
        Integer grace = settings.forgottenGraceHours();
        if (grace != null && (grace < 0 || grace > 720)) {
            throw ProblemException.invalidField("forgottenGraceHours", "must be a whole number of hours from 0 to 720");
        }
        TenantSettingsView clean =
                new TenantSettingsView(settings.timeZone().trim(), currency, settings.weekendDays(), language, grace);
        store.save(clean);
        return settings();
    }

    @GET
    @Path("/calendar/{year}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "The working-day calendar of a year",
            description = "Working days per month and the dates "
                    + "that depart from the weekly pattern. Roles: head, team-lead (their teams), manager.")
    @APIResponse(
            responseCode = "200",
            description = "The year's calendar.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "The year is invalid.")
    public CalendarView year(
            @Parameter(description = "The year, 2000–2100.", example = "2026") @PathParam("year") String year) {
        return view(calendars.calendar(caller.tenant()), parseYear(year));
    }

    @PUT
    @Path("/calendar/days/{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Declare a holiday, a working weekend day or a shortened day",
            description = "Sets how one date departs from the weekly pattern. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The year's calendar after the change.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "The date or kind is invalid; the problem names it.")
    public CalendarView setDay(
            @Parameter(description = "The date (YYYY-MM-DD).", example = "2026-11-04") @PathParam("date") String date,
            DayChange change) {
        LocalDate day = parseDate(date);
        if (change == null || change.kind() == null) {
            throw ProblemException.invalidField("kind", "is required: HOLIDAY, WORKING or SHORT");
        }
        store.setDay(day, change.kind());
        return view(calendars.calendar(caller.tenant()), day.getYear());
    }

    @DELETE
    @Path("/calendar/days/{date}")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Return a date to the weekly pattern",
            description = "Removes the date's exception. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The year's calendar after the change.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "The date is invalid.")
    @APIResponse(responseCode = "404", description = "The date has no exception.")
    public CalendarView clearDay(
            @Parameter(description = "The date (YYYY-MM-DD).", example = "2026-11-04") @PathParam("date") String date) {
        LocalDate day = parseDate(date);
        if (!store.clearDay(day)) {
            throw ProblemException.notFound("A calendar exception on " + day);
        }
        return view(calendars.calendar(caller.tenant()), day.getYear());
    }

    @PUT
    @Path("/calendar/production-calendar")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Load a Russian production calendar",
            description = "Takes a production calendar file in the xmlcalendar.ru format "
                    + "(`<calendar year=\"2026\"><days><day d=\"11.04\" t=\"1\"/>…</days></calendar>`; t=1 day off, "
                    + "t=2 shortened day, t=3 weekend day made working) and replaces every exception of that year with "
                    + "the file's. Role: head.")
    @RequestBody(
            description = "The calendar file.",
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_XML,
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .STRING)))
    @APIResponse(
            responseCode = "200",
            description = "The year's calendar as loaded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "The file is not a valid calendar; the problem names the element.")
    public CalendarView loadProductionCalendar(String file) {
        ProductionCalendarFile.Parsed parsed = ProductionCalendarFile.parse(file);
        store.replaceYear(parsed.year(), parsed.days());
        return view(calendars.calendar(caller.tenant()), parsed.year());
    }

    @Schema(name = "CalendarDayChange", description = "How a date departs from the weekly pattern.")
    public record DayChange(
            @Schema(
                    description = "HOLIDAY (day off), WORKING (weekend day made working) or SHORT "
                            + "(shortened working day).",
                    required = true)
            DayKind kind) {}

    static TenantSettingsView view(WorkCalendar calendar) {
        return new TenantSettingsView(
                calendar.zone().getId(),
                calendar.baseCurrency(),
                calendar.weekendDays().stream().sorted().toList(),
                calendar.language(),
                (int) calendar.forgottenGrace().toHours());
    }

    static CalendarView view(WorkCalendar calendar, int year) {
        List<Integer> perMonth = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            YearMonth ym = YearMonth.of(year, month);
            perMonth.add(calendar.workingDays(ym.atDay(1), ym.atEndOfMonth()));
        }
        List<CalendarView.Day> exceptions = calendar.exceptions().entrySet().stream()
                .filter(e -> e.getKey().getYear() == year)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new CalendarView.Day(e.getKey(), e.getValue()))
                .toList();
        return new CalendarView(
                year, perMonth, perMonth.stream().mapToInt(Integer::intValue).sum(), exceptions);
    }

    private static int parseYear(String year) {
        try {
            int value = Integer.parseInt(year);
            if (value >= 2000 && value <= 2100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("year", "must be a year between 2000 and 2100");
    }

    private static LocalDate parseDate(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("date", "must be a date like 2026-11-04");
        }
    }
}
