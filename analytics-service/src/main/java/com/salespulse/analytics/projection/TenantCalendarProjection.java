package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;

import com.salespulse.contract.roster.TenantSettingsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tenant's time zone, weekly days off, calendar days and language as lead-service has them after each change
 * ({@code tenant_calendar}, {@code tenant_calendar_day}; read by {@code settings/TenantCalendar}). Each event carries
 * the whole settings after the change and their version, so applying one is an upsert guarded by the version: a
 * redelivery or an older event that arrives late (another partition, a replay) changes nothing. Fields absent on
 * events written before lead-service kept the calendar mean Saturday and Sunday off, no calendar days, ru.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TenantCalendarProjection {

    private static final List<DayOfWeek> WEEKEND = List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private final EntityManager em;

    public TenantCalendarProjection(EntityManager em) {
        this.em = em;
    }

    public void changed(Applying at, TenantSettingsChanged e) {
        TenantSettingsChanged.Settings after = e.after();
        String weekend = (after.weekendDays() == null ? WEEKEND : after.weekendDays())
                .stream()
                        .map(DayOfWeek::getValue)
                        .sorted()
                        .distinct()
                        .map(String::valueOf)
                        .collect(Collectors.joining(","));
        String language = "en".equals(after.language()) ? "en" : "ru";
        int written =
                run(em, """
                insert into tenant_calendar (gen, tenant_id, time_zone, weekend_days, language, version, changed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (gen, tenant_id) do update set time_zone = excluded.time_zone,
                    weekend_days = excluded.weekend_days, language = excluded.language, version = excluded.version,
                    changed_at = excluded.changed_at
                where (tenant_calendar.version, tenant_calendar.changed_at)
                    < (excluded.version, excluded.changed_at)""", at.gen(), at.tenant(), after.timeZone(), weekend, language, e.version(), e.changedAt());
        if (written == 0) {
            return; // this version (or a later one) is already here
        }
        run(em, "delete from tenant_calendar_day where gen = ?1 and tenant_id = ?2", at.gen(), at.tenant());
        if (after.calendarDays() != null) {
            for (TenantSettingsChanged.CalendarDay day : after.calendarDays()) {
                run(em, """
                        insert into tenant_calendar_day (gen, tenant_id, day, kind) values (?1, ?2, ?3, ?4)
                        on conflict (gen, tenant_id, day) do update set kind = excluded.kind""", at.gen(), at.tenant(), day.date(), day.kind());
            }
        }
    }
}
