package com.salespulse.analytics;

import static io.restassured.RestAssured.given;

import com.salespulse.contract.roster.TenantSettingsChanged;
import com.salespulse.testsupport.TestTokens;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * lead-service's tenant settings as it puts them on the roster topic ({@code tenant-settings-changed}): the one source
 * of analytics' time zone, calendar and language. Built up change by change, each published with the next version;
 * {@link #publish} waits until analytics shows that version on {@code GET /api/v1/settings} (drain, never a sleep).
 */
final class LeadSettings {

    private final KafkaCompanion kafka;
    private final String tenant;
    private String zone = "Europe/Moscow";
    private List<DayOfWeek> weekend = List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    private final Map<LocalDate, String> days = new TreeMap<>();
    private String language = "ru";
    private long version;

    LeadSettings(KafkaCompanion kafka, String tenant) {
        this.kafka = kafka;
        this.tenant = tenant;
    }

    LeadSettings zone(String zone) {
        this.zone = zone;
        return this;
    }

    LeadSettings weekend(DayOfWeek... days) {
        this.weekend = List.of(days);
        return this;
    }

    /** kind: HOLIDAY, WORKING or SHORT; null returns the date to the weekly pattern. */
    LeadSettings day(String date, String kind) {
        if (kind == null) {
            days.remove(LocalDate.parse(date));
        } else {
            days.put(LocalDate.parse(date), kind);
        }
        return this;
    }

    LeadSettings language(String language) {
        this.language = language;
        return this;
    }

    /** The settings as they are now, as the next version's event (not published). */
    TenantSettingsChanged next() {
        version++;
        return event(tenant, version, zone, weekend, new TreeMap<>(days), language);
    }

    /** Publishes the next version and waits until analytics has applied it. */
    void publish() {
        TenantSettingsChanged event = next();
        new EventPublisher(kafka, tenant).publish(event);
        awaitVersion(tenant, event.version());
    }

    static TenantSettingsChanged event(
            String tenant,
            long version,
            String zone,
            List<DayOfWeek> weekend,
            Map<LocalDate, String> days,
            String language) {
        List<TenantSettingsChanged.CalendarDay> calendarDays = new ArrayList<>();
        days.forEach((date, kind) -> calendarDays.add(new TenantSettingsChanged.CalendarDay(date, kind)));
        TenantSettingsChanged.Settings before = new TenantSettingsChanged.Settings(
                "Europe/Moscow", "RU", "LEAST_LOADED", "LINK_AND_FLAG", 3, 30, null, null, null);
        TenantSettingsChanged.Settings after = new TenantSettingsChanged.Settings(
                zone, "RU", "LEAST_LOADED", "LINK_AND_FLAG", 3, 30, weekend, calendarDays, language);
        return new TenantSettingsChanged(
                UUID.nameUUIDFromBytes(tenant.getBytes(StandardCharsets.UTF_8)),
                before,
                after,
                version,
                Instant.parse("2026-10-01T09:00:00Z").plusSeconds(version));
    }

    static void awaitVersion(String tenant, long version) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> given().auth()
                                .oauth2(TestTokens.head(tenant))
                                .get("/api/v1/settings")
                                .jsonPath()
                                .getLong("calendarVersion")
                        == version);
    }
}
