package com.salespulse.notification.digest;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.notification.alert.Alert;
import com.salespulse.notification.alert.AlertRepository;
import com.salespulse.notification.config.NotificationConfig;
import com.salespulse.notification.delivery.DeliveryPlanner;
import com.salespulse.notification.delivery.DeliveryRepository;
import com.salespulse.notification.roster.Roster;
import com.salespulse.notification.roster.TenantCalendar;
import com.salespulse.notification.roster.TenantCalendars;
import com.salespulse.notification.subscription.Subscription;
import com.salespulse.notification.subscription.SubscriptionRepository;
import com.salespulse.security.ActingScope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The daily digest: on a working day of the tenant, once the tenant's local time has reached the configured hour, one
 * DIGEST delivery per subscription and local date is queued with the open alerts and the day's key figures. Checking
 * often and queueing at most once (a unique index guards it too) means a digest missed while the service was down
 * is still sent the same day when it comes back. The working days and the time zone are the tenant's, from
 * lead-service's settings ({@link TenantCalendars}): no holiday list is configured here.
 */
@ApplicationScoped
public class DigestScheduler {

    /** The scheduler job's identity, to pause and resume it (tests, maintenance). */
    public static final String JOB = "daily-digest";

    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);

    private final SubscriptionRepository subscriptions;
    private final DigestComposer composer;
    private final ActingScope acting;

    public DigestScheduler(SubscriptionRepository subscriptions, DigestComposer composer, ActingScope acting) {
        this.subscriptions = subscriptions;
        this.composer = composer;
        this.acting = acting;
    }

    @Scheduled(
            identity = JOB,
            every = "${salespulse.notification.digest.check-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void queueDueDigests() {
        for (Object[] row : digestSubscribers()) {
            try {
                UUID subscriptionId = (UUID) row[1];
                acting.run((String) row[0], NotificationConfig.SYSTEM_ACTOR, () -> composer.queueIfDue(subscriptionId));
            } catch (RuntimeException e) {
                LOG.warnf(e, "The digest for subscription %s could not be queued", row[1]);
            }
        }
    }

    @Transactional
    List<Object[]> digestSubscribers() {
        return subscriptions.digestSubscribersOfAllTenants();
    }

    /** Composes one subscription's digest, for the tenant acted for. */
    @ApplicationScoped
    public static class DigestComposer {

        private final SubscriptionRepository subscriptions;
        private final AlertRepository alerts;
        private final DeliveryRepository deliveries;
        private final DeliveryPlanner planner;
        private final Clock clock;
        private final NotificationConfig.Digest config;
        private final TenantCalendars calendars;
        private final Roster roster;

        public DigestComposer(
                SubscriptionRepository subscriptions,
                AlertRepository alerts,
                DeliveryRepository deliveries,
                DeliveryPlanner planner,
                Clock clock,
                NotificationConfig config,
                Roster roster,
                TenantCalendars calendars) {
            this.roster = roster;
            this.calendars = calendars;
            this.subscriptions = subscriptions;
            this.alerts = alerts;
            this.deliveries = deliveries;
            this.planner = planner;
            this.clock = clock;
            this.config = config.digest();
        }

        @Transactional
        public void queueIfDue(UUID subscriptionId) {
            Subscription subscription = subscriptions.findById(subscriptionId);
            if (subscription == null || !subscription.active || !subscription.dailyDigest) {
                return;
            }
            Instant now = clock.instant();
            TenantCalendar calendar = calendars.current();
            ZonedDateTime local = now.atZone(calendar.zone());
            LocalDate date = local.toLocalDate();
            if (!calendar.isWorkingDay(date)
                    || local.toLocalTime().isBefore(config.localTime())
                    || deliveries.digestExists(subscription.id, date)) {
                return;
            }
            planner.planDigest(subscription, date, compose(calendar.zone(), date, now));
        }

        private DigestContent compose(java.time.ZoneId zone, LocalDate date, Instant now) {
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            List<Alert> open = alerts.open();
            Map<AlertType, Long> byType = open.stream()
                    .collect(Collectors.groupingBy(alert -> alert.alertType, TreeMap::new, Collectors.counting()));
            Map<String, Long> byManager = open.stream()
                    .collect(Collectors.groupingBy(
                            alert -> alert.managerId == null ? DigestContent.NO_MANAGER : alert.managerId.toString(),
                            TreeMap::new,
                            Collectors.counting()));
            long raisedToday = alerts.count("raisedAt >= ?1 and raisedAt <= ?2", dayStart, now);
            long resolvedToday = alerts.count("resolvedAt >= ?1 and resolvedAt <= ?2", dayStart, now);
            List<DigestContent.OpenAlert> listed = open.stream()
                    .map(alert -> new DigestContent.OpenAlert(
                            alert.id, alert.alertType, alert.managerId, alert.severity, alert.title, alert.raisedAt))
                    .toList();
            Map<String, String> names = new TreeMap<>();
            for (Alert alert : open) {
                if (alert.managerId != null) {
                    Optional.ofNullable(alert.managerName)
                            .filter(name -> !name.isBlank())
                            .or(() -> roster.managerName(alert.managerId))
                            .ifPresent(name -> names.put(alert.managerId.toString(), name));
                }
            }
            return new DigestContent(
                    date, zone.getId(), open.size(), raisedToday, resolvedToday, byType, byManager, listed, names);
        }
    }
}
