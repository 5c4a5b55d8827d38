package com.salespulse.lead.roster;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A manager on the roster. "Absent" is not stored: it is read from the manager's absences at a given instant. */
@Entity
@Table(name = "manager")
public class Manager {

    public enum Status {
        ACTIVE,
        DISMISSED
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(name = "team_id")
    public UUID teamId;

    /** The most open cards the manager should hold. */
    @Column(nullable = false)
    public int capacity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "hired_at", nullable = false)
    public Instant hiredAt;

    @Column(name = "dismissed_at")
    public Instant dismissedAt;

    @Column(name = "external_system")
    public String externalSystem;

    @Column(name = "external_id")
    public String externalId;

    /** The business time of the last change (hiring, profile, dismissal); an older change is stale (409). */
    @Column(name = "last_changed_at", nullable = false)
    public Instant lastChangedAt;

    /**
     * The turn: when the manager last got a lead automatically. Written only by distribution's claim, in its own
     * statement ({@code ManagerRepository.takeTurn}), so that a lead neither moves the version a roster change checks
     * nor is undone by one.
     */
    @Column(name = "last_assigned_at", updatable = false)
    public Instant lastAssignedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "manager_shift", joinColumns = @JoinColumn(name = "manager_id"))
    public List<Shift> shifts = new ArrayList<>();

    @Version
    public long version;

    /** Whether {@code at}, read in the tenant's zone, falls in one of the manager's shifts. */
    public boolean onShift(ZonedDateTime at) {
        return onShift(at, date -> false);
    }

    /**
     * Whether {@code at}, read in the tenant's zone, falls in one of the manager's shifts that did not start on a day
     * off of the tenant's calendar (a holiday has no shifts; a night shift belongs to the day it started).
     */
    public boolean onShift(ZonedDateTime at, java.util.function.Predicate<java.time.LocalDate> holiday) {
        return onShift(at, holiday, date -> false);
    }

    /**
     * As {@link #onShift(ZonedDateTime, java.util.function.Predicate)}, and a working day of the tenant's calendar (a
     * weekly day off made a working day, such as a working Saturday) also has the manager's Monday shifts, on that
     * date: MONDAY 09:00–18:00 puts them on shift on a working Saturday from 09:00 to 18:00, a Monday night shift
     * from that Saturday evening into Sunday. Their own shifts of that weekday, if any, still hold.
     */
    public boolean onShift(
            ZonedDateTime at,
            java.util.function.Predicate<java.time.LocalDate> holiday,
            java.util.function.Predicate<java.time.LocalDate> workingDay) {
        java.time.LocalDateTime local = at.toLocalDateTime();
        if (shifts.stream()
                .map(shift -> shift.startedOn(local))
                .anyMatch(started -> started != null && !holiday.test(started))) {
            return true;
        }
        // a shift that started on a working day: that day, or the day before for a night shift's small hours
        for (java.time.LocalDate date :
                java.util.List.of(local.toLocalDate(), local.toLocalDate().minusDays(1))) {
            if (workingDay.test(date)
                    && shifts.stream()
                            .filter(shift -> shift.day == java.time.DayOfWeek.MONDAY)
                            .map(shift -> new Shift(date.getDayOfWeek(), shift.start, shift.end).startedOn(local))
                            .anyMatch(date::equals)) {
                return true;
            }
        }
        return false;
    }

    public boolean dismissed() {
        return status == Status.DISMISSED;
    }
}
