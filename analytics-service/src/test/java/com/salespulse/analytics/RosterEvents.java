package com.salespulse.analytics;

import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.LeadCardsTransferred;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamLeadChanged;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The roster family's events (teams, managers and their card transfers) for test scenarios, as plain contract
 * records; publish them with {@link EventPublisher} or hand them to the applier. Managers read their shifts in Moscow
 * time.
 */
final class RosterEvents {

    static final DayOfWeek[] MONDAY_TO_FRIDAY = {
        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY
    };

    private RosterEvents() {}

    static TeamCreated team(UUID teamId, String name, Instant at) {
        return new TeamCreated(teamId, name, at);
    }

    /** The team's lead from now on (null: none), as lead-service emits it (issue 20). */
    static TeamLeadChanged teamLead(UUID teamId, UUID before, UUID after, long version, String at) {
        return new TeamLeadChanged(teamId, before, after, version, Instant.parse(at));
    }

    static ManagerHired hired(UUID managerId, String name, UUID teamId, int capacity, String at) {
        return hired(managerId, profile(name, teamId, capacity, List.of()), Instant.parse(at));
    }

    /** A manager hired with weekly shift windows read in Moscow time (capacity 10). */
    static ManagerHired hired(UUID managerId, String name, UUID teamId, String at, List<ManagerHired.Shift> shifts) {
        return hired(managerId, profile(name, teamId, shifts), Instant.parse(at));
    }

    static ManagerHired hired(UUID managerId, ManagerHired.ManagerProfile profile, Instant at) {
        return new ManagerHired(managerId, profile, at);
    }

    /** The manager moved from one team to another (nothing else changed). */
    static ManagerUpdated teamChanged(
            UUID managerId, String name, UUID fromTeam, UUID toTeam, int capacity, String at) {
        return updated(
                managerId,
                profile(name, fromTeam, capacity, List.of()),
                profile(name, toTeam, capacity, List.of()),
                2,
                Instant.parse(at));
    }

    /** The manager's shift windows changed (nothing else did). */
    static ManagerUpdated shiftsChanged(
            UUID managerId,
            String name,
            UUID teamId,
            List<ManagerHired.Shift> before,
            List<ManagerHired.Shift> after,
            String at) {
        return updated(managerId, profile(name, teamId, before), profile(name, teamId, after), 2, Instant.parse(at));
    }

    static ManagerUpdated updated(
            UUID managerId,
            ManagerHired.ManagerProfile before,
            ManagerHired.ManagerProfile after,
            long version,
            Instant at) {
        return new ManagerUpdated(managerId, before, after, version, at);
    }

    /** A Moscow-time profile with capacity 10. */
    static ManagerHired.ManagerProfile profile(String name, UUID teamId, List<ManagerHired.Shift> shifts) {
        return profile(name, teamId, 10, shifts);
    }

    static ManagerHired.ManagerProfile profile(
            String name, UUID teamId, int capacity, List<ManagerHired.Shift> shifts) {
        return new ManagerHired.ManagerProfile(name, teamId, capacity, "Europe/Moscow", shifts);
    }

    /** The same local window, "09:00" to "15:00", on each of the days. */
    static List<ManagerHired.Shift> shifts(String start, String end, DayOfWeek... days) {
        return Arrays.stream(days)
                .map(day -> new ManagerHired.Shift(day, LocalTime.parse(start), LocalTime.parse(end)))
                .toList();
    }

    /**
     * An active manager (team unknown) leaves; with a {@code transferId} their cards go to the named managers, without
     * one they stay with the head.
     */
    static ManagerDismissed dismissed(UUID managerId, UUID transferId, List<UUID> to, String at) {
        return dismissed(managerId, null, transferId, to, 0, Instant.parse(at));
    }

    static ManagerDismissed dismissed(
            UUID managerId, UUID teamId, UUID transferId, List<UUID> to, int openLeads, Instant at) {
        return new ManagerDismissed(
                managerId,
                teamId,
                "ACTIVE",
                transferId == null ? "LEAVE_WITH_HEAD" : "TRANSFER_TO_NAMED",
                transferId,
                to,
                openLeads,
                "left",
                at);
    }

    static CardTransferStarted transferStarted(UUID transferId, UUID from, List<UUID> to, String at) {
        return transferStarted(transferId, from, to, Instant.parse(at));
    }

    static CardTransferStarted transferStarted(UUID transferId, UUID from, List<UUID> to, Instant at) {
        return new CardTransferStarted(transferId, from, to, "NAMED", "dismissal", at);
    }

    static LeadCardsTransferred leadCardsTransferred(
            UUID transferId,
            UUID from,
            List<LeadCardsTransferred.MovedLead> moved,
            List<LeadCardsTransferred.FailedLead> failed,
            Instant at) {
        return new LeadCardsTransferred(transferId, from, moved, failed, at);
    }
}
