package com.salespulse.lead.settings;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.salespulse.contract.roster.TenantSettingsChanged;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.UUID;

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
            Integer staleDays) {}

    @Transactional
    public TenantSettings current() {
        return settings.current();
    }

    /** Applies the changes and emits {@code tenant-settings-changed} with all settings before and after. */
    @Transactional
    public TenantSettings change(Changes changes) {
        TenantSettings current = settings.current();
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
        TenantSettingsChanged.Settings after = snapshot(current);
        if (!before.equals(after)) {
            settings.flush();
            outbox.emit(new TenantSettingsChanged(current.id, before, after, current.version, clock.instant()));
        }
        return current;
    }

    private static TenantSettingsChanged.Settings snapshot(TenantSettings s) {
        return new TenantSettingsChanged.Settings(
                s.timeZone,
                s.phoneRegion,
                s.distributionMode.name(),
                s.duplicatePolicy.name(),
                s.unreachedThreshold,
                s.staleDays);
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
