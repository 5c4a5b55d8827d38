package com.salespulse.analytics.settings;

import com.salespulse.problem.Currencies;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
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
@Tag(
        name = "Settings",
        description = "The tenant's time zone, working-day calendar and language (from lead-service), currency "
                + "and forgotten cards' grace")
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

    /** Where the time zone, calendar and language are changed now, for the problem that refuses them here. */
    static final String LEAD_SETTINGS = "lead-service's settings (PATCH /api/v1/settings on lead-service), which every "
            + "service of the suite takes them from";

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER})
    @Operation(
            summary = "The tenant's settings",
            description = "The time zone, weekly days off and language as lead-service's settings have them (read "
                    + "only here: they are changed in lead-service, and `calendarVersion` says which version of them "
                    + "analytics has applied), and analytics' own base currency and forgotten cards' grace; defaults "
                    + "(Europe/Moscow, Saturday and Sunday, ru, RUB, 24 hours) until they are set. Roles: head, "
                    + "team-lead (their teams), manager.")
    @APIResponse(
            responseCode = "200",
            description = "The settings.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TenantSettingsView.class)))
    public TenantSettingsView settings() {
        return view(calendars.read(caller.tenant()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Set the tenant's analytics settings",
            description = "Replaces the base currency and the forgotten cards' grace (optional: absent means the "
                    + "default). The time zone, weekly days off and language are lead-service's: they may be sent "
                    + "back as read (a GET, then a PUT of the whole body), but a different value is refused with 409 "
                    + "naming the field. Metrics use the settings from the next query on. Role: head.")
    @APIResponse(
            responseCode = "200",
            description = "The settings now in force.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TenantSettingsView.class)))
    @APIResponse(
            responseCode = "409",
            description = "The body changes the time zone, weekly days off or language, which are set in "
                    + "lead-service; the problem names the field.")
    public TenantSettingsView update(TenantSettingsView settings) {
        if (settings == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        String currency =
                settings.baseCurrency() == null ? "" : settings.baseCurrency().trim();
        if (!Currencies.isReal(currency)) {
            throw ProblemException.invalidField(
                    "baseCurrency", "must be the ISO 4217 code of a real currency, such as RUB");
        }
        Integer grace = settings.forgottenGraceHours();
        if (grace != null && (grace < 0 || grace > 720)) {
            throw ProblemException.invalidField("forgottenGraceHours", "must be a whole number of hours from 0 to 720");
        }
        // a malformed calendar field is a bad request (400); a well-formed one other than lead-service's, a conflict
        String zone = settings.timeZone() == null ? "" : settings.timeZone().trim();
        if (!zone.isEmpty()) {
            try {
                if (zone.length() > 64) {
                    throw new DateTimeException("too long");
                }
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw ProblemException.invalidField("timeZone", "must be an IANA time zone such as Europe/Moscow");
            }
        }
        if (settings.weekendDays() != null && settings.weekendDays().contains(null)) {
            throw ProblemException.invalidField("weekendDays", "must list days of the week");
        }
        String language = settings.language() == null ? "" : settings.language().trim();
        if (!language.isEmpty() && !language.equals("ru") && !language.equals("en")) {
            throw ProblemException.invalidField("language", "must be ru or en");
        }
        WorkCalendar now = calendars.calendar(caller.tenant());
        if (!zone.isEmpty() && !zone.equals(now.zone().getId())) {
            throw setInLead("timeZone");
        }
        if (settings.weekendDays() != null
                && !new HashSet<>(settings.weekendDays()).equals(new HashSet<>(now.weekendDays()))) {
            throw setInLead("weekendDays");
        }
        if (!language.isEmpty() && !language.equals(now.language())) {
            throw setInLead("language");
        }
        store.save(currency, grace);
        return settings();
    }

    /** 409 naming the field: it is lead-service's setting now. */
    static ProblemException setInLead(String field) {
        String message = "is set in " + LEAD_SETTINGS;
        return new ProblemException(
                ProblemType.CONFLICT, field + ": " + message, List.of(new Problem.InvalidField(field, message)));
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
            summary = "Declare a holiday, a working weekend day or a shortened day (moved to lead-service)",
            description = "Refused with 409 naming `calendarDays`: the tenant's calendar days are set in "
                    + "lead-service's settings (its `calendarDays`), which analytics takes them from. Role: head.",
            deprecated = true)
    @APIResponse(
            responseCode = "200",
            description = "Never: kept so that an old client gets the problem that says where to go.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "The date is invalid.")
    @APIResponse(responseCode = "409", description = "Calendar days are set in lead-service; the problem says where.")
    public CalendarView setDay(
            @Parameter(description = "The date (YYYY-MM-DD).", example = "2026-11-04") @PathParam("date") String date,
            DayChange change) {
        parseDate(date);
        throw setInLead("calendarDays");
    }

    @DELETE
    @Path("/calendar/days/{date}")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Return a date to the weekly pattern (moved to lead-service)",
            description = "Refused with 409 naming `calendarDays`: the tenant's calendar days are set in "
                    + "lead-service's settings. Role: head.",
            deprecated = true)
    @APIResponse(
            responseCode = "200",
            description = "Never: kept so that an old client gets the problem that says where to go.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "400", description = "The date is invalid.")
    @APIResponse(responseCode = "409", description = "Calendar days are set in lead-service; the problem says where.")
    public CalendarView clearDay(
            @Parameter(description = "The date (YYYY-MM-DD).", example = "2026-11-04") @PathParam("date") String date) {
        parseDate(date);
        throw setInLead("calendarDays");
    }

    @PUT
    @Path("/calendar/production-calendar")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Load a Russian production calendar (moved to lead-service)",
            description = "Refused with 409 naming `calendarDays`: the tenant's calendar days (a production "
                    + "calendar's holidays, working weekend days and shortened days) are set in lead-service's "
                    + "settings; PUT the same file to lead-service's /api/v1/settings/production-calendar. Role: head.",
            deprecated = true)
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
            description = "Never: kept so that an old client gets the problem that says where to go.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(responseCode = "409", description = "Calendar days are set in lead-service; the problem says where.")
    public CalendarView loadProductionCalendar(String file) {
        throw setInLead("calendarDays");
    }

    @Schema(name = "CalendarDayChange", description = "How a date departs from the weekly pattern.")
    public record DayChange(
            @Schema(
                    description = "HOLIDAY (day off), WORKING (weekend day made working) or SHORT "
                            + "(shortened working day).",
                    required = true)
            DayKind kind) {}

    static TenantSettingsView view(TenantCalendar.Versioned read) {
        WorkCalendar calendar = read.calendar();
        return new TenantSettingsView(
                calendar.zone().getId(),
                calendar.baseCurrency(),
                calendar.weekendDays().stream().sorted().toList(),
                calendar.language(),
                (int) calendar.forgottenGrace().toHours(),
                read.version());
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
