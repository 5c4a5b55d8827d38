package com.salespulse.deal.activity;

import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.deal.Deal;
import com.salespulse.deal.DealRepository;
import com.salespulse.deal.decimal.Decimals;
import com.salespulse.deal.lead.KnownClients;
import com.salespulse.deal.lead.KnownLeads;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.deal.task.Task;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import com.salespulse.security.ActingScope;
import com.salespulse.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Records touches with clients; each is one {@code ActivityLogged} event. */
@ApplicationScoped
public class ActivityService {

    private static final UUID NIL = new UUID(0, 0);

    private final ActingScope acting;
    private final EntityManager em;
    private final DealRepository deals;
    private final RosterReplica roster;
    private final KnownLeads leads;
    private final KnownClients clients;
    private final Outbox outbox;
    private final BusinessTime time;
    private final TransactionManager transactions;

    public ActivityService(
            ActingScope acting,
            EntityManager em,
            DealRepository deals,
            RosterReplica roster,
            KnownLeads leads,
            KnownClients clients,
            Outbox outbox,
            Clock clock,
            TransactionManager transactions) {
        this.acting = acting;
        this.clients = clients;
        this.time = new BusinessTime(clock);
        this.transactions = transactions;
        this.em = em;
        this.deals = deals;
        this.roster = roster;
        this.leads = leads;
        this.outbox = outbox;
    }

    /** A touch: its card, client and manager by id or by reference, its own reference, when it happened. */
    public record NewActivity(
            Task.CardType cardType,
            UUID cardId,
            ExternalRef cardRef,
            UUID clientId,
            ExternalRef clientRef,
            UUID managerId,
            ExternalRef managerRef,
            Activity.Type type,
            Activity.Direction direction,
            String outcome,
            Integer durationSeconds,
            BigDecimal discountOfferedPercent,
            boolean doNotContact,
            Instant occurredAt,
            ExternalRef ref) {}

    public record Logged(Activity activity, boolean created) {}

    /**
     * The touch with this reference: logged now when it is new; an identical one sent again answers it unchanged
     * (200, no event); a different one is refused (409): a touch is history and does not change once logged. A dry
     * run rolls back.
     */
    @Transactional
    public Logged upsert(CallerScope scope, NewActivity input, boolean dryRun) {
        Optional<Activity> existing = findByRef(input.ref(), scope);
        Logged result;
        if (existing.isPresent()) {
            Activity a = existing.get();
            Activity candidate = build(scope, input);
            boolean same = a.cardType == candidate.cardType
                    && a.cardId.equals(candidate.cardId)
                    && java.util.Objects.equals(a.clientId, candidate.clientId)
                    && a.managerId.equals(candidate.managerId)
                    && a.type == candidate.type
                    && a.direction == candidate.direction
                    && a.outcome.equals(candidate.outcome)
                    && java.util.Objects.equals(a.durationSeconds, candidate.durationSeconds)
                    && (a.discountOfferedPercent == null
                            ? candidate.discountOfferedPercent == null
                            : candidate.discountOfferedPercent != null
                                    && a.discountOfferedPercent.compareTo(candidate.discountOfferedPercent) == 0)
                    && a.doNotContact == candidate.doNotContact
                    && (input.occurredAt() == null || a.occurredAt.equals(candidate.occurredAt));
            if (!same) {
                throw ProblemException.conflict("Activity " + a.id + " with the reference "
                        + input.ref().externalSystem() + "/" + input.ref().externalId()
                        + " was logged differently: a touch does not change once logged");
            }
            result = new Logged(a, false);
        } else {
            result = new Logged(persist(build(scope, input)), true);
        }
        if (dryRun) {
            try {
                transactions.setRollbackOnly();
            } catch (jakarta.transaction.SystemException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    @Transactional
    public Optional<Activity> findByRef(ExternalRef ref, CallerScope scope) {
        return em.createQuery("from Activity a where a.externalSystem = :system and a.externalId = :id", Activity.class)
                .setParameter("system", ref.externalSystem())
                .setParameter("id", ref.externalId())
                .getResultStream()
                .findFirst()
                .filter(a -> scope.includes(a.managerId));
    }

    /**
     * On a deal, the client is the deal's; on a lead, the one given (if any). The manager is one of the tenant's
     * roster; one dismissed since is accepted for a touch made before they left.
     */
    @Transactional
    public Activity log(CallerScope scope, NewActivity input) {
        if (input.ref() != null
                && findByRef(input.ref(), CallerScope.wholeTenant()).isPresent()) {
            throw ProblemException.conflict("An activity with the reference "
                    + input.ref().externalSystem() + "/" + input.ref().externalId() + " exists already");
        }
        return persist(build(scope, input));
    }

    /** The touch as it would be logged, every rule checked; nothing written. */
    private Activity build(CallerScope scope, NewActivity input) {
        ExternalRef.notBoth(input.cardId(), input.cardRef(), "cardRef");
        ExternalRef.notBoth(input.clientId(), input.clientRef(), "clientRef");
        Instant occurred = time.of(input.occurredAt());
        UUID clientId = input.clientRef() == null
                ? input.clientId()
                : clients.byRef(input.clientRef()).orElseThrow(() -> ExternalRef.unknown("clientRef", "client"));
        String clientField = input.clientRef() != null ? "clientRef" : "clientId";
        UUID cardId;
        if (input.cardId() == null && input.cardRef() == null) {
            throw ProblemException.invalidField("cardId", "is required (or cardRef)");
        }
        if (input.cardType() == Task.CardType.DEAL) {
            Deal deal = (input.cardRef() != null
                            ? deals.findByRef(input.cardRef()).filter(d -> scope.includes(d.managerId))
                            : deals.findVisible(input.cardId(), scope))
                    .orElseThrow(() -> input.cardRef() != null
                            ? ExternalRef.unknown("cardRef", "deal the caller may see")
                            : ProblemException.invalidField("cardId", "is not a deal the caller may see"));
            if (clientId != null && !clientId.equals(deal.clientId)) {
                throw ProblemException.invalidField(clientField, "is not the deal's client");
            }
            clientId = deal.clientId;
            cardId = deal.id;
            BusinessTime.notBefore(occurred, deal.openedAt, "the deal was opened");
        } else {
            if (NIL.equals(clientId)) {
                throw ProblemException.invalidField("clientId", "the nil UUID names no client");
            }
            cardId = input.cardRef() != null
                    ? leads.byRef(input.cardRef()).orElseThrow(() -> ExternalRef.unknown("cardRef", "lead"))
                    : input.cardId();
            leads.require(cardId, input.cardRef() != null ? "cardRef" : "cardId");
            leads.takenInAt(cardId).ifPresent(in -> BusinessTime.notBefore(occurred, in, "the lead came in"));
        }
        // a touch is history: a manager who has left may still be credited with one made before they left
        String managerField = input.managerRef() != null ? "managerRef" : "managerId";
        UUID managerId = roster.resolve(input.managerId(), input.managerRef(), "managerRef");
        if (!scope.isWholeTenant()) {
            if (managerId != null && !scope.includes(managerId)) {
                throw ProblemException.invalidField(
                        managerField,
                        scope.leadsATeam()
                                ? "a team lead records the touches of their teams' managers only"
                                : "a manager records only their own touches");
            }
            managerId = managerId != null ? managerId : scope.own();
        } else if (managerId == null) {
            throw ProblemException.invalidField("managerId", "is required (or managerRef)");
        }
        RosterReplica.Manager manager = roster.requireManager(managerId, managerField);
        if (manager.dismissed() && !occurred.isBefore(manager.dismissedAt())) {
            throw ProblemException.invalidField(managerField, "names a manager dismissed before the touch");
        }
        Activity activity = new Activity();
        activity.id = UUID.randomUUID();
        activity.cardType = input.cardType();
        activity.cardId = cardId;
        activity.clientId = clientId;
        activity.managerId = managerId;
        activity.type = input.type();
        activity.direction = input.direction();
        activity.outcome = input.outcome().trim();
        activity.durationSeconds = input.durationSeconds();
        activity.discountOfferedPercent = input.discountOfferedPercent();
        activity.doNotContact = input.doNotContact();
        activity.occurredAt = occurred;
        activity.recordedAt = time.now();
        if (input.ref() != null) {
            activity.externalSystem = input.ref().externalSystem();
            activity.externalId = input.ref().externalId();
        }
        return activity;
    }

    private Activity persist(Activity activity) {
        em.persist(activity);
        outbox.emit(new ActivityLogged(
                activity.id,
                activity.cardType.name(),
                activity.cardId,
                activity.clientId,
                activity.managerId,
                activity.type.name(),
                activity.direction.name(),
                activity.outcome,
                activity.durationSeconds,
                Decimals.plain(activity.discountOfferedPercent),
                activity.doNotContact,
                activity.occurredAt,
                activity.externalSystem,
                activity.externalId));
        return activity;
    }

    /**
     * One page of the touches on one card in the order asked for (the id breaking ties in the same direction), and
     * how many there are; a manager sees only their own. Counts first, then reads, as the deal list does.
     */
    @Transactional
    public ActivityPage onCard(
            Task.CardType cardType, UUID cardId, CallerScope scope, SortOrder order, int page, int size) {
        String where = " from Activity a where a.cardType = :type and a.cardId = :card"
                + (scope.isWholeTenant() ? "" : " and a.managerId in :manager");
        var count = em.createQuery("select count(a)" + where, Long.class)
                .setParameter("type", cardType)
                .setParameter("card", cardId);
        if (!scope.isWholeTenant()) {
            count.setParameter("manager", scope.managers());
        }
        long total = count.getSingleResult();
        // the field comes from ActivityApi.SORT, never from the caller's text
        String direction = order.descending() ? " desc" : " asc";
        var query = em.createQuery(
                        "select a" + where + " order by a." + order.field() + direction + ", a.id" + direction,
                        Activity.class)
                .setParameter("type", cardType)
                .setParameter("card", cardId)
                .setFirstResult(page * size)
                .setMaxResults(size);
        if (!scope.isWholeTenant()) {
            query.setParameter("manager", scope.managers());
        }
        return new ActivityPage(query.getResultList(), total);
    }

    public record ActivityPage(List<Activity> items, long total) {}
}
