package com.salespulse.notification;

import static org.awaitility.Awaitility.await;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.Topics;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TenantSettingsChanged;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Roster events as lead-service puts them on the roster topic, and a deterministic wait for the replica: publish,
 * then poll the replica's rows until the event is applied (never a fixed sleep).
 */
final class RosterEvents {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private RosterEvents() {}

    static ManagerHired.ManagerProfile profile(String name, UUID teamId) {
        return new ManagerHired.ManagerProfile(
                name,
                teamId,
                40,
                "Europe/Moscow",
                List.of(new ManagerHired.Shift(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(18, 0))));
    }

    /** Hires the manager on the tenant's roster and waits until notification-service knows them. */
    static void hire(KafkaCompanion kafka, String tenant, UUID managerId, String name) {
        publish(kafka, tenant, new ManagerHired(managerId, profile(name, null), Instant.now()));
        awaitRows(
                "select count(*) from roster_manager where tenant_id = ? and id = ? and name = ?",
                tenant,
                managerId,
                name);
    }

    static void rename(KafkaCompanion kafka, String tenant, UUID managerId, String before, String after) {
        publish(
                kafka,
                tenant,
                new ManagerUpdated(managerId, profile(before, null), profile(after, null), 2, Instant.now()));
        awaitRows(
                "select count(*) from roster_manager where tenant_id = ? and id = ? and name = ?",
                tenant,
                managerId,
                after);
    }

    /**
     * lead-service's tenant settings changed to this time zone and these holidays (Saturday and Sunday off, Russian):
     * waits until the replica of the tenant's calendar has this version.
     */
    static void calendar(KafkaCompanion kafka, String tenant, String zone, long version, LocalDate... holidays) {
        settings(kafka, tenant, zone, "ru", version, holidays);
    }

    /** lead-service's tenant settings changed to this language (Moscow time, no holidays): waits for the replica. */
    static void language(KafkaCompanion kafka, String tenant, String language, long version) {
        settings(kafka, tenant, "Europe/Moscow", language, version);
    }

    private static void settings(
            KafkaCompanion kafka, String tenant, String zone, String language, long version, LocalDate... holidays) {
        TenantSettingsChanged.Settings before = new TenantSettingsChanged.Settings(
                "Europe/Moscow", "RU", "LEAST_LOADED", "LINK_AND_FLAG", 3, 30, null, null, null);
        TenantSettingsChanged.Settings after = new TenantSettingsChanged.Settings(
                zone,
                "RU",
                "LEAST_LOADED",
                "LINK_AND_FLAG",
                3,
                30,
                List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                java.util.Arrays.stream(holidays)
                        .map(day -> new TenantSettingsChanged.CalendarDay(day, "HOLIDAY"))
                        .toList(),
                language);
        UUID settingsId = UUID.nameUUIDFromBytes(tenant.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        publish(kafka, tenant, new TenantSettingsChanged(settingsId, before, after, version, Instant.now()));
        awaitRows("select count(*) from tenant_calendar where tenant_id = ? and version = ?", tenant, version);
    }

    static void createTeam(KafkaCompanion kafka, String tenant, UUID teamId, String name) {
        publish(kafka, tenant, new TeamCreated(teamId, name, Instant.now()));
        awaitRows("select count(*) from roster_team where tenant_id = ? and id = ?", tenant, teamId);
    }

    /** Dismisses the manager and waits until the replica (and so the end of their subscriptions) has it. */
    static void dismiss(KafkaCompanion kafka, String tenant, UUID managerId) {
        publish(
                kafka,
                tenant,
                new ManagerDismissed(
                        managerId, null, "ACTIVE", "LEAVE_WITH_HEAD", null, List.of(), 0, "left", Instant.now()));
        awaitRows(
                "select count(*) from roster_manager where tenant_id = ? and id = ? and dismissed_at is not null",
                tenant,
                managerId);
    }

    static byte[] encode(String tenant, DomainEvent data) {
        return CODEC.encode(
                new EventMetadata(
                        UUID.randomUUID(), URI.create("/salespulse/lead-service"), Instant.now(), tenant, "user:head"),
                data);
    }

    static void publish(KafkaCompanion kafka, String tenant, DomainEvent data) {
        publishRecords(kafka, data.aggregateId(), encode(tenant, data));
    }

    static void publishRecords(KafkaCompanion kafka, UUID key, byte[]... records) {
        @SuppressWarnings("unchecked")
        ProducerRecord<String, byte[]>[] batch = new ProducerRecord[records.length];
        for (int i = 0; i < records.length; i++) {
            batch[i] = new ProducerRecord<>(Topics.ROSTER_EVENTS, key.toString(), records[i]);
        }
        kafka.produce(String.class, byte[].class).fromRecords(batch).awaitCompletion();
    }

    private static void awaitRows(String sql, Object... parameters) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Rows.count(sql, parameters) == 1);
    }
}
