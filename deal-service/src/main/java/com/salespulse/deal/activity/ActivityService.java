package com.salespulse.deal.activity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.deal.Decimals;
import com.salespulse.deal.deal.Deal;
import com.salespulse.deal.deal.DealRepository;
import com.salespulse.deal.lead.KnownLeads;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.deal.task.Task;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;

/** Records touches with clients; each is one {@code ActivityLogged} event. */
@ApplicationScoped
public class ActivityService {

    private static final UUID NIL = new UUID(0, 0);

    private final EntityManager em;
    private final DealRepository deals;
    private final RosterReplica roster;
    private final KnownLeads leads;
    private final Outbox outbox;
    private final Clock clock;

    public ActivityService(EntityManager em, DealRepository deals, RosterReplica roster, KnownLeads leads,
            Outbox outbox, Clock clock) {
        this.em = em;
        this.deals = deals;
        this.roster = roster;
        this.leads = leads;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NewActivity(Task.CardType cardType, UUID cardId, UUID clientId, UUID managerId, Activity.Type type,
            Activity.Direction direction, String outcome, Integer durationSeconds, BigDecimal discountOfferedPercent,
            boolean doNotContact, Instant occurredAt) {
    }

    /**
     * On a deal, the client is the deal's; on a lead, the one given (if any). The manager is one of the tenant's
     * roster; one dismissed since is accepted for a touch made before they left.
     */
    @Transactional
    public Activity log(String tenant, String actor, Optional<UUID> scope, NewActivity input) {
        UUID clientId = input.clientId();
        if (input.cardType() == Task.CardType.DEAL) {
            Deal deal = deals.findVisible(input.cardId(), scope)
                    .orElseThrow(() -> ProblemException.invalidField("cardId", "is not a deal the caller may see"));
            if (clientId != null && !clientId.equals(deal.clientId)) {
                throw ProblemException.invalidField("clientId", "is not the deal's client");
            }
            clientId = deal.clientId;
        } else if (NIL.equals(clientId)) {
            throw ProblemException.invalidField("clientId", "the nil UUID names no client");
        }
        if (input.cardType() == Task.CardType.LEAD) {
            leads.require(tenant, input.cardId(), "cardId");
        }
        Instant now = clock.instant();
        if (input.occurredAt() != null && input.occurredAt().isAfter(now.plusSeconds(300))) {
            throw ProblemException.invalidField("occurredAt", "is in the future");
        }
        // a touch is history: a manager who has left may still be credited with one made before they left
        RosterReplica.Manager manager = roster.requireManager(tenant, input.managerId(), "managerId");
        Instant occurred = input.occurredAt() == null ? now : input.occurredAt();
        if (manager.dismissed() && !occurred.isBefore(manager.dismissedAt())) {
            throw ProblemException.invalidField("managerId", "names a manager dismissed before the touch");
        }
        Activity activity = new Activity();
        activity.id = UUID.randomUUID();
        activity.tenantId = tenant;
        activity.cardType = input.cardType();
        activity.cardId = input.cardId();
        activity.clientId = clientId;
        activity.managerId = input.managerId();
        activity.type = input.type();
        activity.direction = input.direction();
        activity.outcome = input.outcome().trim();
        activity.durationSeconds = input.durationSeconds();
        activity.discountOfferedPercent = input.discountOfferedPercent();
        activity.doNotContact = input.doNotContact();
        activity.occurredAt = input.occurredAt() == null ? now : input.occurredAt();
        activity.recordedAt = now;
        em.persist(activity);
        outbox.emit(tenant, actor, new ActivityLogged(activity.id, activity.cardType.name(), activity.cardId,
                activity.clientId, activity.managerId, activity.type.name(), activity.direction.name(), activity.outcome,
                activity.durationSeconds, Decimals.plain(activity.discountOfferedPercent), activity.doNotContact,
                activity.occurredAt));
        return activity;
    }

    /** The touches on one card, newest first; a manager sees only their own. */
    @Transactional
    public List<Activity> onCard(Task.CardType cardType, UUID cardId, Optional<UUID> scope) {
        String where = "from Activity a where a.cardType = :type and a.cardId = :card"
                + (scope.isPresent() ? " and a.managerId = :manager" : "") + " order by a.occurredAt desc, a.id";
        var query = em.createQuery(where, Activity.class).setParameter("type", cardType).setParameter("card", cardId)
                .setMaxResults(500);
        scope.ifPresent(m -> query.setParameter("manager", m));
        return query.getResultList();
    }
}
