package com.salespulse.notification.roster;

import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.contract.roster.TenantSettingsChanged;
import com.salespulse.messaging.inbox.ConsumedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Applies one roster event to the replica for the tenant the consumer acts for, recording it as consumed in the same
 * transaction: a redelivered event (same event id) changes nothing. A dismissal also ends the dismissed manager's own
 * subscriptions, in that transaction ({@link ManagerLeft}, observed by the subscriptions). A change of the tenant's
 * settings updates its calendar ({@link TenantCalendars}).
 */
@ApplicationScoped
public class RosterInbox {

    private final ConsumedEvents consumed;
    private final Roster roster;
    private final Event<ManagerLeft> managerLeft;
    private final TenantCalendars calendars;

    public RosterInbox(
            ConsumedEvents consumed, Roster roster, Event<ManagerLeft> managerLeft, TenantCalendars calendars) {
        this.calendars = calendars;
        this.consumed = consumed;
        this.roster = roster;
        this.managerLeft = managerLeft;
    }

    @Transactional
    public void receive(ReceivedEvent event) {
        if (!replicated(event) || !consumed.firstDelivery(event.metadata(), event.type())) {
            return;
        }
        switch (event.type()) {
            case MANAGER_HIRED -> {
                ManagerHired hired = event.dataAs(ManagerHired.class);
                roster.hired(
                        hired.managerId(),
                        hired.profile().name(),
                        hired.profile().teamId());
            }
            case MANAGER_UPDATED -> {
                ManagerUpdated updated = event.dataAs(ManagerUpdated.class);
                roster.managerIs(
                        updated.managerId(),
                        updated.after().name(),
                        updated.after().teamId());
            }
            case MANAGER_DISMISSED -> {
                ManagerDismissed dismissed = event.dataAs(ManagerDismissed.class);
                roster.dismissed(dismissed.managerId(), dismissed.teamId(), dismissed.dismissedAt());
                managerLeft.fire(new ManagerLeft(dismissed.managerId()));
            }
            case TEAM_CREATED -> {
                TeamCreated created = event.dataAs(TeamCreated.class);
                roster.teamIs(created.teamId(), created.name());
            }
            case TEAM_RENAMED -> {
                TeamRenamed renamed = event.dataAs(TeamRenamed.class);
                roster.teamIs(renamed.teamId(), renamed.nameAfter());
            }
            case TENANT_SETTINGS_CHANGED -> {
                TenantSettingsChanged changed = event.dataAs(TenantSettingsChanged.class);
                calendars.changed(changed.after(), changed.version(), changed.changedAt());
            }
            default ->
                throw new IllegalStateException(
                        "not replicated: " + event.type().type());
        }
    }

    /**
     * Managers and teams, and the tenant's calendar (the digest's days and hour); the other roster events (absences,
     * transfers) are not this service's business.
     */
    private static boolean replicated(ReceivedEvent event) {
        return switch (event.type()) {
            case MANAGER_HIRED,
                    MANAGER_UPDATED,
                    MANAGER_DISMISSED,
                    TEAM_CREATED,
                    TEAM_RENAMED,
                    TENANT_SETTINGS_CHANGED -> true;
            default -> false;
        };
    }
}
