package com.salespulse.lead.settings;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.salespulse.contract.roster.TenantSettingsChanged;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class TenantSettingsService {

    private final TenantSettingsRepository settings;
    private final Outbox outbox;
    private final Clock clock;

    public TenantSettingsService(TenantSettingsRepository settings, Outbox outbox, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** New values; a null keeps the current one. */
    public record Changes(
            String timeZone,
            String phoneRegion,
            TenantSettings.DistributionMode distributionMode,
            TenantSettings.DuplicatePolicy duplicatePolicy,
            Integer unreachedThreshold,
            Integer staleDays,
            List<DayOfWeek> weekendDays,
            List<CalendarDay> calendarDays,
            String language) {}

    @Transactional
    public TenantSettings current() {
        return settings.current();
    }

    /** Applies the changes and emits {@code tenant-settings-changed} with all settings before and after. */
    @Transactional
    public TenantSettings change(Changes changes) {
        TenantSettings current = settings.forChange();
        if (changes.timeZone() != null) {
            try {
                ZoneId.of(changes.timeZone());
            } catch (DateTimeException e) {
                throw ProblemException.invalidField("timeZone", "is not an IANA time zone such as Europe/Moscow");
            }
        }
        if (changes.phoneRegion() != null
                && !PhoneNumberUtil.getInstance().getSupportedRegions().contains(changes.phoneRegion())) {
            throw ProblemException.invalidField("phoneRegion", "is not a region code such as RU");
        }
        String weekend = changes.weekendDays() == null ? null : weekend(changes.weekendDays());
        checkDays(changes.calendarDays());
        TenantSettingsChanged.Settings before = snapshot(current);
        if (current.id == null) {
            current.id = UUID.randomUUID();
            settings.persist(current);
        }
        current.timeZone = orElse(changes.timeZone(), current.timeZone);
        current.phoneRegion = orElse(changes.phoneRegion(), current.phoneRegion);
        current.distributionMode = orElse(changes.distributionMode(), current.distributionMode);
        current.duplicatePolicy = orElse(changes.duplicatePolicy(), current.duplicatePolicy);
        current.unreachedThreshold = orElse(changes.unreachedThreshold(), current.unreachedThreshold);
        current.staleDays = orElse(changes.staleDays(), current.staleDays);
        current.weekendDays = orElse(weekend, current.weekendDays);
        current.language = orElse(changes.language(), current.language);
        if (changes.calendarDays() != null) {
            current.calendarDays.clear();
            changes.calendarDays().stream()
                    .sorted(Comparator.comparing((CalendarDay d) -> d.day))
                    .forEach(current.calendarDays::add);
        }
        TenantSettingsChanged.Settings after = snapshot(current);
        if (!before.equals(after)) {
            settings.flush();
            outbox.emit(new TenantSettingsChanged(current.id, before, after, current.version, clock.instant()));
        }
        return current;
    }

    /**
     * Replaces the calendar days of one year with a production calendar's, keeping the other years' days; emits
     * {@code tenant-settings-changed} as {@link #change} does (nothing when the year already had exactly these days).
     */
    @Transactional
    public TenantSettings loadYear(int year, java.util.Map<LocalDate, CalendarDay.Kind> days) {
        List<CalendarDay> calendar = new java.util.ArrayList<>();
        for (CalendarDay day : settings.current().calendarDays) {
            if (day.day.getYear() != year) {
                calendar.add(new CalendarDay(day.day, day.kind));
            }
        }
        days.forEach((day, kind) -> calendar.add(new CalendarDay(day, kind)));
        return change(new Changes(null, null, null, null, null, null, null, calendar, null));
    }

    private static TenantSettingsChanged.Settings snapshot(TenantSettings s) {
        return new TenantSettingsChanged.Settings(
                s.timeZone,
                s.phoneRegion,
                s.distributionMode.name(),
                s.duplicatePolicy.name(),
                s.unreachedThreshold,
                s.staleDays,
                s.weekend().stream().sorted().toList(),
                s.calendarDays.stream()
                        .map(d -> new TenantSettingsChanged.CalendarDay(d.day, d.kind.name()))
                        .toList(),
                s.language);
    }

    /** ISO day numbers, in order; refuses a day twice or a week without a working day. */
    private static String weekend(List<DayOfWeek> days) {
        if (new HashSet<>(days).size() != days.size()) {
            throw ProblemException.invalidField("weekendDays", "must list each day at most once");
        }
        return days.stream()
                .map(DayOfWeek::getValue)
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(","));
    }

    private static void checkDays(List<CalendarDay> days) {
        if (days == null) {
            return;
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i).day;
            if (day.getYear() < 2000 || day.getYear() > 2100) {
                throw ProblemException.invalidField("calendarDays[" + i + "].date", "must be in 2000 to 2100");
            }
            if (!seen.add(day)) {
                throw ProblemException.invalidField("calendarDays[" + i + "].date", "lists " + day + " twice");
            }
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
