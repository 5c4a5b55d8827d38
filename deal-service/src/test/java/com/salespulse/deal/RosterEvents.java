package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.event;
import static com.salespulse.deal.DealTestKit.produce;
import static org.awaitility.Awaitility.await;

import com.salespulse.contract.Topics;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamLeadChanged;
import io.quarkus.arc.Arc;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The roster events deal-service's tests need, put on salespulse.roster.events as lead-service's relay would, and
 * waited for deterministically: a call returns once deal-service's consumer has recorded every one of the events in
 * its consumed-event log, which it does in the same transaction as the roster replica's change. deal-service only
 * lets managers of the tenant's roster own deals, take tasks and have plans, so a test hires its managers first.
 */
public final class RosterEvents {

    private RosterEvents() {}

    /** Hires a new manager (in no team) in the tenant and waits until deal-service knows them; returns the id. */
    public static UUID hire(KafkaCompanion kafka, String tenant) {
        UUID managerId = UUID.randomUUID();
        hire(kafka, tenant, managerId);
        return managerId;
    }

    /** Hires these managers (in no team) in the tenant and waits until deal-service knows every one. */
    public static void hire(KafkaCompanion kafka, String tenant, UUID... managerIds) {
        hireInTeam(kafka, tenant, null, managerIds);
    }

    /** Hires these managers into a team and waits until deal-service knows every one. */
    public static void hireInTeam(KafkaCompanion kafka, String tenant, UUID teamId, UUID... managerIds) {
        List<UUID> eventIds = new ArrayList<>();
        for (UUID managerId : managerIds) {
            UUID eventId = UUID.randomUUID();
            eventIds.add(eventId);
            produce(kafka, Topics.ROSTER_EVENTS, managerId, event(tenant, eventId, hired(managerId, teamId)));
        }
        awaitApplied(eventIds);
    }

    /** Hires a manager named by {@code amocrm/<externalId>} (in no team) and waits until deal-service knows them. */
    public static void hireWithRef(KafkaCompanion kafka, String tenant, UUID managerId, String externalId) {
        UUID eventId = UUID.randomUUID();
        ManagerHired hired = hired(managerId, null);
        produce(
                kafka,
                Topics.ROSTER_EVENTS,
                managerId,
                event(
                        tenant,
                        eventId,
                        new ManagerHired(managerId, hired.profile(), hired.hiredAt(), "amocrm", externalId)));
        awaitApplied(List.of(eventId));
    }

    /** Creates a team in the tenant and waits until deal-service knows it; returns the id. */
    public static UUID createTeam(KafkaCompanion kafka, String tenant) {
        UUID teamId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        produce(
                kafka,
                Topics.ROSTER_EVENTS,
                teamId,
                event(
                        tenant,
                        eventId,
                        new TeamCreated(teamId, "Team " + teamId.toString().substring(0, 4), Instant.now())));
        awaitApplied(List.of(eventId));
        return teamId;
    }

    /** Makes a manager the team's lead (issue 20) and waits until deal-service knows it. */
    public static void lead(KafkaCompanion kafka, String tenant, UUID teamId, UUID leadId) {
        UUID eventId = UUID.randomUUID();
        produce(
                kafka,
                Topics.ROSTER_EVENTS,
                teamId,
                event(tenant, eventId, new TeamLeadChanged(teamId, null, leadId, 1, Instant.now())));
        awaitApplied(List.of(eventId));
    }

    /** Dismisses a manager (their cards left with the head of sales) and waits until deal-service knows it. */
    public static void dismiss(KafkaCompanion kafka, String tenant, UUID managerId) {
        UUID eventId = UUID.randomUUID();
        produce(
                kafka,
                Topics.ROSTER_EVENTS,
                managerId,
                event(
                        tenant,
                        eventId,
                        new ManagerDismissed(
                                managerId,
                                null,
                                "ACTIVE",
                                "LEAVE_WITH_HEAD",
                                null,
                                List.of(),
                                0,
                                "left",
                                Instant.now())));
        awaitApplied(List.of(eventId));
    }

    public static ManagerHired hired(UUID managerId, UUID teamId) {
        return new ManagerHired(
                managerId,
                new ManagerHired.ManagerProfile(
                        "Manager " + managerId.toString().substring(0, 4),
                        teamId,
                        20,
                        "Europe/Moscow",
                        Arrays.stream(DayOfWeek.values())
                                .limit(5)
                                .map(day -> new ManagerHired.Shift(day, LocalTime.of(9, 0), LocalTime.of(18, 0)))
                                .toList()),
                Instant.now());
    }

    /** Waits until deal-service has recorded every one of these events as consumed (so their change is committed). */
    public static void awaitApplied(List<UUID> eventIds) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> consumed(eventIds) == eventIds.size());
    }

    private static int consumed(List<UUID> eventIds) throws Exception {
        DataSource dataSource = Arc.container().instance(DataSource.class).get();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select count(*) from consumed_event where event_id = any(?)")) {
            Array ids = connection.createArrayOf("uuid", eventIds.toArray());
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
