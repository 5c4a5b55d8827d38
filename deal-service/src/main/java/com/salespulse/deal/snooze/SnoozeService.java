package com.salespulse.deal.snooze;

import com.salespulse.contract.deal.CardSnoozed;
import com.salespulse.contract.deal.CardUnsnoozed;
import com.salespulse.deal.Deal;
import com.salespulse.deal.DealRepository;
import com.salespulse.deal.lead.KnownLeads;
import com.salespulse.deal.task.Task;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Snoozing cards: a lead or a deal put to sleep until a moment with a reason (not forgotten and not rotting in
 * analytics meanwhile), and woken by hand. deal-service keeps the snoozes because it keeps the tasks of both kinds of
 * card. Each change is stored with its event in one transaction.
 */
@ApplicationScoped
public class SnoozeService {

    /** The longest sleep: a card put away for longer should be archived instead. */
    static final Duration LONGEST = Duration.ofDays(365);

    private final EntityManager em;
    private final DealRepository deals;
    private final KnownLeads leads;
    private final Outbox outbox;
    private final Clock clock;

    public SnoozeService(EntityManager em, DealRepository deals, KnownLeads leads, Outbox outbox, Clock clock) {
        this.em = em;
        this.deals = deals;
        this.leads = leads;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Snoozes a card, or moves the moment and reason of one already snoozed. A deal must be open, not archived and
     * visible to the caller; a lead must be one of the tenant's, and a manager's own (its current owner).
     */
    @Transactional
    public CardSnooze snooze(CallerScope scope, Task.CardType type, UUID cardId, Instant until, String reason) {
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw ProblemException.invalidField("until", "must be later than now");
        }
        if (until.isAfter(now.plus(LONGEST))) {
            throw ProblemException.invalidField("until", "must be at most 365 days ahead (archive the card instead)");
        }
        if (type == Task.CardType.DEAL) {
            Deal deal = deals.findVisible(cardId, scope)
                    .orElseThrow(() -> ProblemException.invalidField("cardId", "is not a deal the caller may see"));
            if (deal.status != Deal.Status.OPEN || deal.archivedAt != null) {
                throw ProblemException.conflict(
                        "Deal " + cardId + " is " + (deal.archivedAt != null ? "archived" : deal.status.name())
                                + ": only an open deal is snoozed");
            }
        } else {
            leads.require(cardId, "cardId");
            if (!leads.ownedWithin(cardId, scope)) {
                // the owner as lead-service's LeadCreated and LeadAssigned told it, normally within a second
                throw ProblemException.invalidField("cardId", "is not a lead the caller may see");
            }
        }
        CardSnooze snooze = find(cardId).orElseGet(CardSnooze::new);
        boolean created = snooze.id == null;
        if (created) {
            snooze.id = UUID.randomUUID();
        }
        snooze.cardId = cardId;
        snooze.cardType = type;
        snooze.snoozedUntil = until;
        snooze.reason = reason.trim();
        snooze.snoozedAt = now;
        if (created) {
            em.persist(snooze);
        }
        outbox.emit(new CardSnoozed(type.name(), cardId, snooze.reason, until, now));
        return snooze;
    }

    /** Wakes a sleeping card by hand; empty when it is not snoozed (or its moment has passed). */
    @Transactional
    public Optional<CardSnooze> wake(CallerScope scope, UUID cardId) {
        Instant now = clock.instant();
        Optional<CardSnooze> found = find(cardId).filter(s -> s.sleepsAt(now)).filter(s -> visible(scope, s));
        found.ifPresent(snooze -> {
            em.remove(snooze);
            outbox.emit(new CardUnsnoozed(snooze.cardType.name(), cardId, snooze.snoozedUntil, now));
        });
        return found;
    }

    /** The card's snooze, if it has one the caller may see (it may have passed). */
    @Transactional
    public Optional<CardSnooze> find(CallerScope scope, UUID cardId) {
        return find(cardId).filter(s -> visible(scope, s));
    }

    private boolean visible(CallerScope scope, CardSnooze snooze) {
        if (scope.isWholeTenant()) {
            return true;
        }
        return snooze.cardType == Task.CardType.DEAL
                ? deals.findVisible(snooze.cardId, scope).isPresent()
                : leads.ownedWithin(snooze.cardId, scope);
    }

    private Optional<CardSnooze> find(UUID cardId) {
        return em.createQuery("from CardSnooze where cardId = ?1", CardSnooze.class)
                .setParameter(1, cardId)
                .getResultStream()
                .findFirst();
    }
}
