package com.salespulse.lead.settings;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * How one tenant handles its leads, and the tenant's time zone and working-day calendar, which lead-service owns for
 * the whole suite (salespulse.roster.tenant-settings-changed carries them). A tenant without a row uses
 * {@link #defaults()}.
 */
@Entity
@Table(name = "tenant_settings")
public class TenantSettings {

    public enum DistributionMode {
        /** Leads wait in the unassigned queue until the head of sales gives them out. */
        MANUAL,
        /** The eligible manager who waited longest since their last automatic lead. */
        ROUND_ROBIN,
        /** The eligible manager with the lowest open leads ÷ capacity. */
        LEAST_LOADED
    }

    public enum DuplicatePolicy {
        /** A duplicate is taken in, linked to the existing client and flagged. */
        LINK_AND_FLAG,
        /** A duplicate is refused with 409 and a link to the existing card. */
        REFUSE
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "phone_region", nullable = false)
    public String phoneRegion;

    @Enumerated(EnumType.STRING)
    @Column(name = "distribution_mode", nullable = false)
    public DistributionMode distributionMode;

    @Enumerated(EnumType.STRING)
    @Column(name = "duplicate_policy", nullable = false)
    public DuplicatePolicy duplicatePolicy;

    @Column(name = "unreached_threshold", nullable = false)
    public int unreachedThreshold;

    @Column(name = "stale_days", nullable = false)
    public int staleDays;

    /** The weekly days off, ISO day numbers ("6,7": Saturday and Sunday). */
    @Column(name = "weekend_days", nullable = false)
    public String weekendDays;

    /** ru or en: the language of labels, alert texts and notifications. */
    @Column(nullable = false)
    public String language;

    /** The dates that depart from the weekly pattern. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "tenant_calendar_day", joinColumns = @JoinColumn(name = "settings_id"))
    @OrderBy("day")
    public List<CalendarDay> calendarDays = new ArrayList<>();

    @Version
    public long version;

    /** The settings of a tenant that never changed them (not persisted). */
    public static TenantSettings defaults() {
        TenantSettings settings = new TenantSettings();
        settings.timeZone = "Europe/Moscow";
        settings.phoneRegion = "RU";
        settings.distributionMode = DistributionMode.LEAST_LOADED;
        settings.duplicatePolicy = DuplicatePolicy.LINK_AND_FLAG;
        settings.unreachedThreshold = 3;
        settings.staleDays = 30;
        settings.weekendDays = "6,7";
        settings.language = "ru";
        return settings;
    }

    /** The weekly days off. */
    public Set<DayOfWeek> weekend() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : weekendDays.split(",")) {
            if (!part.isBlank()) {
                days.add(DayOfWeek.of(Integer.parseInt(part.trim())));
            }
        }
        return days;
    }

    /** Whether the tenant's calendar makes this date a day off by exception (its weekly days off aside). */
    public boolean isHoliday(LocalDate date) {
        return calendarDays.stream().anyMatch(d -> d.day.equals(date) && d.kind == CalendarDay.Kind.HOLIDAY);
    }

    /**
     * Whether the tenant's calendar makes this date a working day by exception (a weekly day off, such as a Saturday,
     * made working): distribution puts the managers of the Monday shift on shift that day.
     */
    public boolean isWorkingDay(LocalDate date) {
        return calendarDays.stream().anyMatch(d -> d.day.equals(date) && d.kind == CalendarDay.Kind.WORKING);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
