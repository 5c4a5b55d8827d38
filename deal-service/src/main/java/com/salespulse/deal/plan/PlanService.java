package com.salespulse.deal.plan;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.salespulse.contract.deal.PlanChanged;
import com.salespulse.contract.deal.PlanSet;
import com.salespulse.contract.deal.PlanTarget;
import com.salespulse.deal.BusinessTime;
import com.salespulse.deal.Decimals;
import com.salespulse.deal.currency.CurrencyService;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;

/** Monthly sales plans. Setting a plan twice changes it: {@code PlanSet} the first time, {@code PlanChanged} after. */
@ApplicationScoped
public class PlanService {

    private final EntityManager em;
    private final CurrencyService currency;
    private final RosterReplica roster;
    private final Outbox outbox;
    private final Clock clock;

    private final BusinessTime time;

    public PlanService(EntityManager em, CurrencyService currency, RosterReplica roster, Outbox outbox, Clock clock,
            BusinessTime time) {
        this.time = time;
        this.em = em;
        this.currency = currency;
        this.roster = roster;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Sets or changes the plan; emits nothing when the targets are the same. The owner is a manager of the tenant's
     * roster who is not dismissed, or a team of the roster.
     */
    @Transactional
    public SalesPlan set(String tenant, String actor, YearMonth month, SalesPlan.Scope scope, UUID ownerId,
            BigDecimal amount, int dealCount, String reason, Instant occurredAt) {
        Instant at = time.of(occurredAt);
        if (scope == SalesPlan.Scope.MANAGER) {
            // a plan sent as history may be for a manager who left since; a new one only for a current manager
            RosterReplica.Manager manager = roster.requireManager(tenant, ownerId, "managerId");
            if (manager.dismissed() && !at.isBefore(manager.dismissedAt())) {
                throw ProblemException.invalidField("managerId",
                        "names a dismissed manager: a manager who left is given nothing new");
            }
        } else {
            roster.requireTeam(tenant, ownerId, "teamId");
        }
        String base = currency.requiredBaseCurrency();
        Optional<SalesPlan> existing = find(month, scope, ownerId);
        UUID managerId = scope == SalesPlan.Scope.MANAGER ? ownerId : null;
        UUID teamId = scope == SalesPlan.Scope.TEAM ? ownerId : null;
        PlanTarget after = new PlanTarget(Decimals.plain(amount), dealCount);
        if (existing.isEmpty()) {
            SalesPlan plan = new SalesPlan();
            plan.id = UUID.randomUUID();
            plan.tenantId = tenant;
            plan.month = month.toString();
            plan.scope = scope;
            plan.ownerId = ownerId;
            plan.amount = amount;
            plan.dealCount = dealCount;
            plan.updatedAt = at;
            em.persist(plan);
            outbox.emit(tenant, actor, new PlanSet(plan.id, plan.month, scope.name(), managerId, teamId, after, base,
                    plan.updatedAt));
            return plan;
        }
        SalesPlan plan = existing.get();
        PlanTarget before = new PlanTarget(Decimals.plain(plan.amount), plan.dealCount);
        if (before.equals(after)) {
            return plan;
        }
        BusinessTime.notStale(at, plan.updatedAt, "the plan");
        plan.amount = amount;
        plan.dealCount = dealCount;
        plan.updatedAt = at;
        em.flush();
        outbox.emit(tenant, actor, new PlanChanged(plan.id, plan.month, scope.name(), managerId, teamId, before, after,
                base, reason == null || reason.isBlank() ? null : reason.trim(), plan.updatedAt));
        return plan;
    }

    /** The month's plans; a manager reads only their own. */
    @Transactional
    public List<SalesPlan> month(YearMonth month, Optional<UUID> managerScope) {
        String where = "from SalesPlan p where p.month = :month"
                + (managerScope.isPresent() ? " and p.scope = :scope and p.ownerId = :owner" : "")
                + " order by p.scope, p.ownerId";
        var query = em.createQuery(where, SalesPlan.class).setParameter("month", month.toString());
        managerScope.ifPresent(m -> query.setParameter("scope", SalesPlan.Scope.MANAGER).setParameter("owner", m));
        return query.getResultList();
    }

    private Optional<SalesPlan> find(YearMonth month, SalesPlan.Scope scope, UUID ownerId) {
        return em.createQuery("from SalesPlan p where p.month = :m and p.scope = :s and p.ownerId = :o", SalesPlan.class)
                .setParameter("m", month.toString()).setParameter("s", scope).setParameter("o", ownerId)
                .getResultStream().findFirst();
    }
}
