package com.salespulse.notification.subscription;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.contract.notification.SubscriptionCreated;
import com.salespulse.contract.notification.SubscriptionDeleted;
import com.salespulse.contract.notification.WebhookSecretRotated;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.notification.channel.WebhookSignature;
import com.salespulse.notification.delivery.Delivery;
import com.salespulse.notification.delivery.DeliveryRepository;
import com.salespulse.notification.delivery.DeliveryStatus;
import com.salespulse.problem.ProblemException;

@ApplicationScoped
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final WebhookTargetPolicy targets;
    private final Outbox outbox;
    private final Clock clock;

    public SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries,
            WebhookTargetPolicy targets, Outbox outbox, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.targets = targets;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a new subscription needs; fields are checked here, each refusal naming its field. */
    public record NewSubscription(UUID personId, Channel channel, String webhookUrl, String email, String botChatId,
            List<AlertType> alertTypes, List<UUID> managerIds, List<UUID> teamIds, Language language, String timeZone,
            LocalTime quietFrom, LocalTime quietTo, boolean dailyDigest) {
    }

    /**
     * @param managerScope present when a manager subscribes: the subscription then covers only their alerts
     */
    @Transactional
    public Subscription create(String tenant, String actor, Optional<UUID> managerScope, NewSubscription input) {
        ZoneId zone = zone(input.timeZone());
        if ((input.quietFrom() == null) != (input.quietTo() == null)) {
            throw ProblemException.invalidField(input.quietFrom() == null ? "quietFrom" : "quietTo",
                    "quiet hours need both quietFrom and quietTo");
        }
        if (input.quietFrom() != null && input.quietFrom().equals(input.quietTo())) {
            throw ProblemException.invalidField("quietTo", "must differ from quietFrom");
        }
        List<UUID> managerIds = input.managerIds() == null ? List.of() : List.copyOf(input.managerIds());
        if (managerScope.isPresent()) {
            if (!managerIds.isEmpty() && !managerIds.equals(List.of(managerScope.get()))) {
                throw ProblemException.invalidField("managerIds", "a manager subscribes only to their own alerts");
            }
            if (input.dailyDigest()) {
                throw ProblemException.invalidField("dailyDigest", "only the head of sales receives the daily digest");
            }
            managerIds = List.of(managerScope.get());
        }

        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.tenantId = tenant;
        subscription.personId = input.personId();
        subscription.ownerManagerId = managerScope.orElse(null);
        subscription.channel = input.channel();
        switch (input.channel()) {
            case WEBHOOK -> {
                String url = required("webhookUrl", input.webhookUrl(), "a WEBHOOK subscription");
                targets.refusal(url, tenant).ifPresent(why -> {
                    throw ProblemException.invalidField("webhookUrl", why);
                });
                subscription.webhookUrl = url;
                subscription.webhookSecrets = WebhookSignature.newSecret();
            }
            case EMAIL -> subscription.email = required("email", input.email(), "an EMAIL subscription");
            case BOT -> subscription.botChatId = required("botChatId", input.botChatId(), "a BOT subscription");
        }
        subscription.alertTypes = input.alertTypes() == null ? List.of() : List.copyOf(input.alertTypes());
        subscription.managerIds = managerIds;
        subscription.teamIds = input.teamIds() == null ? List.of() : List.copyOf(input.teamIds());
        subscription.language = input.language() == null ? Language.ru : input.language();
        subscription.timeZone = zone.getId();
        subscription.quietFrom = input.quietFrom();
        subscription.quietTo = input.quietTo();
        subscription.dailyDigest = input.dailyDigest();
        subscription.active = true;
        subscription.failing = false;
        subscription.consecutiveDead = 0;
        subscription.createdAt = clock.instant();
        subscription.createdBy = actor;
        subscriptions.persist(subscription);
        outbox.emit(tenant, actor, new SubscriptionCreated(subscription.id, subscription.personId,
                subscription.ownerManagerId, subscription.channel.name(), address(subscription),
                subscription.alertTypes.stream().map(AlertType::name).toList(), subscription.managerIds,
                subscription.teamIds, subscription.language.name(), subscription.timeZone, subscription.quietFrom,
                subscription.quietTo, subscription.dailyDigest));
        return subscription;
    }

    private static String address(Subscription subscription) {
        return switch (subscription.channel) {
            case WEBHOOK -> subscription.webhookUrl;
            case EMAIL -> subscription.email;
            case BOT -> subscription.botChatId;
        };
    }

    @Transactional
    public Optional<Subscription> find(UUID id, Optional<UUID> managerScope) {
        return subscriptions.findVisible(id, managerScope);
    }

    @Transactional
    public List<Subscription> list(Optional<UUID> managerScope) {
        return subscriptions.listVisible(managerScope);
    }

    /** Deactivates it and emits {@code subscription-deleted}; its pending deliveries are cancelled, its log is kept. */
    @Transactional
    public boolean delete(String tenant, String actor, UUID id, Optional<UUID> managerScope) {
        Optional<Subscription> found = subscriptions.findVisible(id, managerScope);
        found.ifPresent(subscription -> {
            subscription.active = false;
            List<Delivery> pending = deliveries.pendingOfSubscription(subscription.id);
            for (Delivery delivery : pending) {
                delivery.status = DeliveryStatus.CANCELLED;
                delivery.note = "the subscription was deleted before it went out";
            }
            outbox.emit(tenant, actor, new SubscriptionDeleted(subscription.id, pending.size()));
        });
        return found.isPresent();
    }

    /**
     * Starts a secret rotation: a new secret signs alongside the newest old one, so the receiver can switch at its
     * own pace. A second rotation drops the oldest.
     *
     * @return the subscription and its new secret
     */
    @Transactional
    public Optional<Rotated> rotateSecret(String tenant, String actor, UUID id, Optional<UUID> managerScope) {
        return subscriptions.findVisible(id, managerScope).map(subscription -> {
            if (subscription.channel != Channel.WEBHOOK) {
                throw ProblemException.conflict("Subscription " + id + " is not a webhook; it has no secret");
            }
            int before = subscription.secrets().size();
            String secret = WebhookSignature.newSecret();
            subscription.webhookSecrets = secret + " " + subscription.secrets().get(0);
            outbox.emit(tenant, actor, new WebhookSecretRotated(subscription.id, "STARTED", before, 2));
            return new Rotated(subscription, secret);
        });
    }

    /** Ends a rotation: only the newest secret signs from now on. */
    @Transactional
    public Optional<Subscription> dropPreviousSecret(String tenant, String actor, UUID id,
            Optional<UUID> managerScope) {
        return subscriptions.findVisible(id, managerScope).map(subscription -> {
            if (subscription.channel != Channel.WEBHOOK) {
                throw ProblemException.conflict("Subscription " + id + " is not a webhook; it has no secret");
            }
            int before = subscription.secrets().size();
            if (before > 1) {
                subscription.webhookSecrets = subscription.secrets().get(0);
                outbox.emit(tenant, actor, new WebhookSecretRotated(subscription.id, "ENDED", before, 1));
            }
            return subscription;
        });
    }

    public record Rotated(Subscription subscription, String newSecret) {
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw ProblemException.invalidField("timeZone", "is required, an IANA time zone like Europe/Moscow");
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("timeZone", "not a time zone: use an IANA name like Europe/Moscow");
        }
    }

    private static String required(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "is required for " + what);
        }
        return value.trim();
    }
}
