package com.salespulse.lead.roster;

import com.salespulse.lead.integration.NotBlankWhenGiven;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response records of the roster API. */
public final class RosterApi {

    private RosterApi() {}

    @Schema(name = "CreateTeamRequest", description = "A new team.")
    public record NewTeam(
            @Schema(description = "The team's name, unique in the tenant.", required = true, example = "Inbound")
            @NotBlank
            @Size(max = 100)
            String name,

            @Schema(
                    description =
                            "The integrating system, with externalId; a known reference is a 409 here (PUT "
                                    + "/api/v1/teams/by-ref/{externalSystem}/{externalId} upserts). In the PUT: absent or the path's.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The team's id there, unique per tenant and system.", example = "42")
            @Size(max = 100)
            @NotBlankWhenGiven
            String externalId,

            @Schema(
                    description =
                            "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s: the team's createdAt.",
                    example = "2025-03-01T09:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "RenameTeamRequest", description = "A team's new name.")
    public record TeamUpdate(
            @Schema(description = "The version last read.", required = true) @NotNull @PositiveOrZero
            Long version,

            @Schema(description = "The new name.", required = true) @NotBlank @Size(max = 100)
            String name,

            @Schema(
                    description =
                            "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s; not before the team was created (400) nor its last change (409 stale-change).",
                    example = "2025-03-01T09:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "Team", description = "A sales team.")
    public record TeamView(
            @Schema(description = "The team's id.") UUID id,
            @Schema(description = "The name.") String name,

            @Schema(description = "When it was created (UTC).")
            Instant createdAt,

            @Schema(description = "The version for optimistic concurrency.")
            long version,

            @Schema(description = "The integrating system, when the team has a reference.")
            String externalSystem,

            @Schema(description = "The team's id there.") String externalId,

            @Schema(description = "The manager who leads the team (role team-lead); absent for none.")
            UUID leadManagerId) {}

    @Schema(name = "TeamLeadRequest", description = "Who leads a team: a manager of the tenant, or none.")
    public record TeamLeadUpdate(
            @Schema(description = "The version last read.", required = true) @NotNull @PositiveOrZero
            Long version,

            @Schema(
                    description = "The manager who leads the team from now on: a manager of the tenant, not "
                            + "dismissed (else 400 naming leadManagerId); absent or null clears the lead. A manager may "
                            + "lead several teams, and need not be in the team.")
            UUID leadManagerId) {}

    @Schema(
            name = "Shift",
            description = "A working window starting on one weekday in the tenant's time zone. An end before the "
                    + "start is a night shift ending the next day (MONDAY 22:00–06:00: Monday 22:00 to Tuesday 06:00), "
                    + "one shift; an end equal to the start is refused.")
    public record ShiftView(
            @Schema(description = "The weekday.", required = true) @NotNull
            DayOfWeek day,
            // no example: the OpenAPI YAML writer leaves 18:00 unquoted, which YAML 1.1 tools read as 1080
            @Schema(
                    description = "Local start, HH:mm or HH:mm:ss, e.g. \"09:00\" (a string: write it quoted in YAML).",
                    required = true,
                    type = SchemaType.STRING,
                    maxLength = 18)
            @NotNull
            LocalTime start,

            @Schema(
                    description = "Local end, HH:mm or HH:mm:ss, e.g. \"18:00\" (a string: write it quoted in YAML).",
                    required = true,
                    type = SchemaType.STRING,
                    maxLength = 18)
            @NotNull
            LocalTime end) {}

    @Schema(name = "HireManagerRequest", description = "A manager joining the roster.")
    public record NewManager(
            @Schema(
                    description =
                            "The id the identity provider puts in the manager's token (manager_id); generated when "
                                    + "absent. Not the nil UUID.")
            UUID id,

            @Schema(description = "The manager's name.", required = true, example = "Anna Petrova")
            @NotBlank
            @Size(max = 200)
            String name,

            @Schema(description = "The manager's team: a team of the caller's tenant.")
            UUID teamId,

            @Schema(description = "The most open cards the manager should hold.", required = true, example = "30")
            @NotNull
            @Min(1)
            @Max(10_000)
            Integer capacity,

            @Schema(description = "Working windows by weekday; a weekday without one is a day off.", required = true)
            @NotNull
            @Size(max = 50)
            List<@NotNull @Valid ShiftView> shifts,

            @Schema(description = "The team by its external reference, instead of teamId (not both).") @Valid
            ExternalRef teamRef,

            @Schema(
                    description =
                            "The integrating system, with externalId; a known reference is a 409 here (PUT "
                                    + "/api/v1/managers/by-ref/{externalSystem}/{externalId} upserts). In the PUT: absent or the path's.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The manager's id there, unique per tenant and system.", example = "42")
            @Size(max = 100)
            @NotBlankWhenGiven
            String externalId,

            @Schema(
                    description =
                            "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s: hiredAt.",
                    example = "2025-03-01T09:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "UpdateManagerRequest", description = "A manager's new profile; a field left out keeps its value.")
    public record ManagerUpdate(
            @Schema(description = "The version last read.", required = true) @NotNull @PositiveOrZero
            Long version,

            @Schema(description = "The name; not blank.") @Size(max = 200) @NotBlankWhenGiven
            String name,

            @Schema(description = "The team: a team of the caller's tenant.")
            UUID teamId,

            @Schema(description = "true to take the manager out of any team.")
            Boolean noTeam,

            @Schema(description = "The capacity.") @Min(1) @Max(10_000)
            Integer capacity,

            @Schema(description = "The whole new shift schedule.") @Size(max = 50)
            List<@NotNull @Valid ShiftView> shifts,

            @Schema(description = "The team by its external reference, instead of teamId (not both).") @Valid
            ExternalRef teamRef,

            @Schema(
                    description =
                            "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s; not before hiring (400) nor the manager's last change (409 stale-change).",
                    example = "2025-03-01T09:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "SetAbsenceRequest", description = "An absence, from one instant to another (end exclusive).")
    public record NewAbsence(
            @Schema(description = "VACATION, SICK_LEAVE or OTHER.", required = true) @NotNull
            Absence.Kind kind,

            @Schema(description = "First instant (UTC).", required = true, example = "2026-12-01T06:00:00Z") @NotNull
            Instant from,

            @Schema(description = "End, exclusive (UTC).", required = true, example = "2026-12-15T06:00:00Z") @NotNull
            Instant to,

            @Schema(description = "A note.") @Size(max = 500)
            String comment,

            @Schema(
                    description =
                            "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s (when the absence was recorded); not before hiring.",
                    example = "2025-03-01T09:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "Absence", description = "A manager's absence.")
    public record AbsenceView(
            @Schema(description = "The absence's id.") UUID id,
            @Schema(description = "The kind.") String kind,
            @Schema(description = "First instant (UTC).") Instant from,

            @Schema(description = "End, exclusive (UTC); cut to the clearing instant when cleared early.")
            Instant to,

            @Schema(description = "A note.") String comment,

            @Schema(description = "When it was cleared, if it was.")
            Instant clearedAt) {}

    @Schema(name = "DismissManagerRequest", description = "A dismissal and what happens to the manager's open cards.")
    public record Dismiss(
            @Schema(
                    description = "TRANSFER_TO_NAMED (toManagerIds get the cards in turn), DISTRIBUTE_BY_RULE (the "
                            + "tenant's distribution rule picks the receivers among active, present managers) or LEAVE_WITH_HEAD "
                            + "(the cards stay until a transfer is started).",
                    required = true)
            @NotNull
            RosterService.CardsDecision cards,

            @Schema(
                    description = "For TRANSFER_TO_NAMED: the receivers, in the order they are handed cards; each a "
                            + "manager of the caller's tenant, neither dismissed nor absent.")
            @Size(max = 100)
            List<@NotNull UUID> toManagerIds,

            @Schema(description = "Why.", example = "left the company") @Size(max = 500)
            String reason,

            @Schema(
                    description = "For TRANSFER_TO_NAMED: the receivers by external reference, instead of "
                            + "toManagerIds (not both).")
            @Size(max = 100)
            List<@NotNull @Valid ExternalRef> toManagerRefs,

            @Schema(
                    description =
                            "When it happened, ISO-8601 with offset; absent: now. Not later than now + 60 s: "
                                    + "dismissedAt; not before hiring (400) nor the manager's last change (409 stale-change). The "
                                    + "transfer of the cards happens at this time too (card-transfer-started's startedAt, each "
                                    + "lead.assigned and deal.reassigned); a card changed later than it moves at its own last change.",
                    example = "2025-03-01T09:00:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "Dismissal", description = "The dismissed manager and the transfer started for their cards.")
    public record DismissalView(
            @Schema(description = "The manager as it is now.")
            ManagerView manager,

            @Schema(description = "The transfer's id; absent for LEAVE_WITH_HEAD.")
            UUID transferId) {}

    @Schema(name = "Manager", description = "A manager on the roster with their state now.")
    public record ManagerView(
            @Schema(description = "The manager's id (manager_id in their token).")
            UUID id,

            @Schema(description = "The name.") String name,
            @Schema(description = "The team.") UUID teamId,

            @Schema(description = "The most open cards they should hold.")
            int capacity,

            @Schema(description = "ACTIVE, ABSENT (an absence covers now) or DISMISSED.")
            String status,

            @Schema(description = "Whether now falls in one of their shifts, in the tenant's time zone.")
            boolean onShift,

            @Schema(description = "Open leads they hold now.")
            long openLeads,

            @Schema(description = "openLeads ÷ capacity.") double load,
            @Schema(description = "The shift schedule.") List<ShiftView> shifts,

            @Schema(description = "Absences, past and future.")
            List<AbsenceView> absences,

            @Schema(description = "When hired (UTC).") Instant hiredAt,

            @Schema(description = "When dismissed (UTC), if so.")
            Instant dismissedAt,

            @Schema(description = "The version for optimistic concurrency.")
            long version,

            @Schema(description = "The integrating system, when the manager has a reference.")
            String externalSystem,

            @Schema(description = "The manager's id there.") String externalId) {}

    /** The fields the roster can be sorted by (?sort=field, or -field for descending). */
    public static final List<String> MANAGER_SORT = List.of("name", "capacity", "hiredAt");

    /** The fields the teams can be sorted by. */
    public static final List<String> TEAM_SORT = List.of("name", "createdAt");

    @Schema(name = "ManagerPage", description = "One page of the roster, in the order asked for.")
    public record ManagerPage(
            @Schema(description = "The managers on this page.")
            List<ManagerView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size asked for.")
            int size,

            @Schema(description = "How many managers there are in all.")
            long total) {}

    @Schema(name = "TeamPage", description = "One page of the teams, in the order asked for.")
    public record TeamPage(
            @Schema(description = "The teams on this page.") List<TeamView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size asked for.")
            int size,

            @Schema(description = "How many teams there are in all.")
            long total) {}
}
