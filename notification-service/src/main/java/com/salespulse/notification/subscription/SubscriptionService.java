package com.salespulse.notification.subscription;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.contract.notification.SubscriptionCreated;
import com.salespulse.contract.notification.SubscriptionDeleted;
import com.salespulse.contract.notification.WebhookSecretRotated;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.notification.channel.Channel;
import com.salespulse.notification.channel.WebhookSignature;
import com.salespulse.notification.channel.WebhookTargetPolicy;
import com.salespulse.notification.roster.ManagerLeft;
import com.salespulse.notification.roster.Roster;
import com.salespulse.notification.roster.TenantCalendars;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

@ApplicationScoped
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final PendingDeliveries pending;
    private final WebhookTargetPolicy targets;
    private final Outbox outbox;
    private final Clock clock;
    private final Roster roster;
    private final ActingScope acting;

    /** The tenant's language, named in the created event of a subscription that follows it. */
    @jakarta.inject.Inject
    TenantCalendars calendars;

    public SubscriptionService(
            SubscriptionRepository subscriptions,
            PendingDeliveries pending,
            WebhookTargetPolicy targets,
            Outbox outbox,
            Clock clock,
            Roster roster,
            ActingScope acting) {
        this.roster = roster;
        this.subscriptions = subscriptions;
        this.pending = pending;
        this.targets = targets;
        this.outbox = outbox;
        this.clock = clock;
        this.acting = acting;
    }

    /**
     * Subscribes, for the tenant acted for; the fields are checked here, each refusal naming its field.
     *
     * @param managerScope present when a manager subscribes: the subscription then covers only their alerts
     */
    @Transactional
    public Subscription create(Optional<UUID> managerScope, SubscriptionApi.NewSubscription input) {
        ZoneId zone = zone(input.timeZone());
        if ((input.quietFrom() == null) != (input.quietTo() == null)) {
            throw ProblemException.invalidField(
                    input.quietFrom() == null ? "quietFrom" : "quietTo", "quiet hours need both quietFrom and quietTo");
        }
        if (input.quietFrom() != null && input.quietFrom().equals(input.quietTo())) {
            throw ProblemException.invalidField("quietTo", "must differ from quietFrom");
        }
        List<AlertType> alertTypes = distinct("alertTypes", input.alertTypes());
        List<UUID> managerIds = distinct("managerIds", input.managerIds());
        List<UUID> teamIds = distinct("teamIds", input.teamIds());
        if (managerScope.isPresent()) {
            UUID self = managerScope.get();
            if (roster.manager(self).filter(Roster.Member::dismissed).isPresent()) {
                throw new ProblemException(ProblemType.FORBIDDEN, "A dismissed manager receives no alerts", List.of());
            }
            if (!managerIds.isEmpty() && !managerIds.equals(List.of(self))) {
                throw ProblemException.invalidField("managerIds", "a manager subscribes only to their own alerts");
            }
            if (input.personId() != null && !input.personId().equals(self)) {
                throw ProblemException.invalidField("personId", "a manager subscribes only themselves");
            }
            if (Boolean.TRUE.equals(input.dailyDigest())) {
                throw ProblemException.invalidField("dailyDigest", "only the head of sales receives the daily digest");
            }
            managerIds = List.of(self);
            // their own id comes from their token, not from the (possibly lagging) replica; teams are checked
            checkOnRoster(null, List.of(), teamIds);
        } else {
            checkOnRoster(input.personId(), managerIds, teamIds);
        }

        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.personId = input.personId();
        subscription.ownerManagerId = managerScope.orElse(null);
        subscription.channel = input.channel();
        onlyTheAddressOf(input);
        switch (input.channel()) {
            case WEBHOOK -> {
                String url = required("webhookUrl", input.webhookUrl(), "a WEBHOOK subscription");
                targets.refusal(url, acting.tenant()).ifPresent(why -> {
                    throw ProblemException.invalidField("webhookUrl", why);
                });
                subscription.webhookUrl = url;
                subscription.webhookSecrets = WebhookSignature.newSecret();
            }
            case EMAIL -> subscription.email = email(required("email", input.email(), "an EMAIL subscription"));
            case BOT ->
                subscription.botChatId = botChatId(required("botChatId", input.botChatId(), "a BOT subscription"));
        }
        subscription.alertTypes = alertTypes;
        subscription.managerIds = managerIds;
        subscription.teamIds = teamIds;
        // absent: the messages follow the tenant's language (lead-service's settings), also when it changes
        subscription.language = input.language();
        subscription.timeZone = zone.getId();
        subscription.quietFrom = input.quietFrom();
        subscription.quietTo = input.quietTo();
        subscription.dailyDigest = Boolean.TRUE.equals(input.dailyDigest());
        subscription.active = true;
        subscription.failing = false;
        subscription.consecutiveDead = 0;
        subscription.createdAt = clock.instant();
        subscription.createdBy = acting.actor();
        subscriptions.persist(subscription);
        outbox.emit(new SubscriptionCreated(
                subscription.id,
                subscription.personId,
                subscription.ownerManagerId,
                subscription.channel.name(),
                address(subscription),
                subscription.alertTypes.stream().map(AlertType::name).toList(),
                subscription.managerIds,
                subscription.teamIds,
                subscription.language != null
                        ? subscription.language.name()
                        : calendars.current().language(),
                subscription.timeZone,
                subscription.quietFrom,
                subscription.quietTo,
                subscription.dailyDigest));
        return subscription;
    }

    /**
     * Every person and team a subscription names must be on the tenant's roster (as the replica knows it): an
     * id of another tenant, a made-up one or the nil UUID is refused, naming the field. A dismissed manager may be
     * filtered on (their base still raises alerts) but is no longer a person to subscribe.
     */
    private void checkOnRoster(UUID personId, List<UUID> managerIds, List<UUID> teamIds) {
        if (personId != null) {
            notNil("personId", personId);
            Roster.Member person =
                    roster.manager(personId).orElseThrow(() -> ProblemException.invalidField("personId", NO_MANAGER));
            if (person.dismissed()) {
                throw ProblemException.invalidField("personId", "names a dismissed manager");
            }
        }
        Map<UUID, Roster.Member> managers = roster.managers(managerIds);
        for (int i = 0; i < managerIds.size(); i++) {
            notNil("managerIds[" + i + "]", managerIds.get(i));
            if (!managers.containsKey(managerIds.get(i))) {
                throw ProblemException.invalidField("managerIds[" + i + "]", NO_MANAGER);
            }
        }
        Set<UUID> teams = roster.teams(teamIds);
        for (int i = 0; i < teamIds.size(); i++) {
            notNil("teamIds[" + i + "]", teamIds.get(i));
            if (!teams.contains(teamIds.get(i))) {
                throw ProblemException.invalidField(
                        "teamIds[" + i + "]",
                        "names no team of this tenant "
                                + "(a team created a moment ago may take a few seconds to be known here)");
            }
        }
    }

    private static final String NO_MANAGER = "names no manager of this tenant "
            + "(a manager hired a moment ago may take a few seconds to be known here)";

    private static void notNil(String field, UUID id) {
        if (id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0) {
            throw ProblemException.invalidField(field, "the nil UUID names nothing");
        }
    }

    /** A list without repeats; a repeat is refused, naming its place (it is a mistake, not a wish). */
    private static <T> List<T> distinct(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                throw ProblemException.invalidField(field + "[" + i + "]", "is listed twice");
            }
        }
        return List.copyOf(values);
    }

    /** The address of another channel is refused rather than silently dropped. */
    private static void onlyTheAddressOf(SubscriptionApi.NewSubscription input) {
        Map<String, String> others = new LinkedHashMap<>();
        if (input.channel() != Channel.WEBHOOK) {
            others.put("webhookUrl", input.webhookUrl());
        }
        if (input.channel() != Channel.EMAIL) {
            others.put("email", input.email());
        }
        if (input.channel() != Channel.BOT) {
            others.put("botChatId", input.botChatId());
        }
        others.forEach((field, value) -> {
            if (value != null) {
                throw ProblemException.invalidField(
                        field,
                        "is not used by a " + input.channel() + " subscription; "
                                + "send only the address of the chosen channel");
            }
        });
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern CHAT_ID = Pattern.compile("-?[1-9][0-9]{0,19}|@[A-Za-z][A-Za-z0-9_]{4,31}");

    private static String email(String email) {
        if (!EMAIL.matcher(email).matches()) {
            throw ProblemException.invalidField("email", "not an e-mail address with a domain, like head@example.com");
        }
        return email;
    }

    private static String botChatId(String chatId) {
        if (!CHAT_ID.matcher(chatId).matches()) {
            throw ProblemException.invalidField(
                    "botChatId", "a chat id is a number like 123456789 (-100… for a group) or a channel's @username");
        }
        return chatId;
    }

    /** The roster replica learnt a manager left: their own subscriptions end with the dismissal's transaction. */
    void onManagerLeft(@Observes ManagerLeft left) {
        endForDismissedManager(left.managerId());
    }

    /**
     * A dismissed manager's own subscriptions (those they made, or that are for them) end: they left, and alerts are
     * the company's business. Their pending deliveries are cancelled and each end is published like a deletion. A
     * head's subscription that filters on the manager is kept: alerts about a dismissed manager's base still come.
     *
     * @return how many subscriptions ended
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endForDismissedManager(UUID managerId) {
        List<Subscription> theirs = subscriptions.activeOfPerson(managerId);
        for (Subscription subscription : theirs) {
            subscription.active = false;
            int cancelled = pending.cancel(subscription.id, "the manager was dismissed before it went out");
            outbox.emit(new SubscriptionDeleted(subscription.id, cancelled));
        }
        return theirs.size();
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

    /** One page of the active subscriptions the caller may see, and how many there are in all. */
    @Transactional
    public SubscriptionPage page(Optional<UUID> managerScope, SortOrder order, int page, int size) {
        return new SubscriptionPage(
                subscriptions.pageVisible(managerScope, order, page, size), subscriptions.countVisible(managerScope));
    }

    public record SubscriptionPage(List<Subscription> items, long total) {}

    /** Deactivates it and emits {@code subscription-deleted}; its pending deliveries are cancelled, its log is kept. */
    @Transactional
    public boolean delete(UUID id, Optional<UUID> managerScope) {
        Optional<Subscription> found = subscriptions.findVisible(id, managerScope);
        found.ifPresent(subscription -> {
            subscription.active = false;
            int cancelled = pending.cancel(subscription.id, "the subscription was deleted before it went out");
            outbox.emit(new SubscriptionDeleted(subscription.id, cancelled));
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
    public Optional<Rotated> rotateSecret(UUID id, Optional<UUID> managerScope) {
        return subscriptions.findVisible(id, managerScope).map(subscription -> {
            if (subscription.channel != Channel.WEBHOOK) {
                throw ProblemException.conflict("Subscription " + id + " is not a webhook; it has no secret");
            }
            int before = subscription.secrets().size();
            String secret = WebhookSignature.newSecret();
            subscription.webhookSecrets = secret + " " + subscription.secrets().get(0);
            outbox.emit(new WebhookSecretRotated(subscription.id, "STARTED", before, 2));
            return new Rotated(subscription, secret);
        });
    }

    /** Ends a rotation: only the newest secret signs from now on. */
    @Transactional
    public Optional<Subscription> dropPreviousSecret(UUID id, Optional<UUID> managerScope) {
        return subscriptions.findVisible(id, managerScope).map(subscription -> {
            if (subscription.channel != Channel.WEBHOOK) {
                throw ProblemException.conflict("Subscription " + id + " is not a webhook; it has no secret");
            }
            int before = subscription.secrets().size();
            if (before > 1) {
                subscription.webhookSecrets = subscription.secrets().get(0);
                outbox.emit(new WebhookSecretRotated(subscription.id, "ENDED", before, 1));
            }
            return subscription;
        });
    }

    public record Rotated(Subscription subscription, String newSecret) {}

    /** A region id of the IANA database as the JDK knows it (Europe/Moscow, UTC); not an offset like +03:00. */
    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw ProblemException.invalidField("timeZone", "is required, an IANA time zone like Europe/Moscow");
        }
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw ProblemException.invalidField("timeZone", "not a time zone: use an IANA name like Europe/Moscow");
        }
        return ZoneId.of(timeZone);
    }

    private static String required(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "is required for " + what);
        }
        if (!value.equals(value.strip())) {
            throw ProblemException.invalidField(field, "must not begin or end with spaces");
        }
        return value;
    }
}
