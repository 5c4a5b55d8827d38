package com.salespulse.deal.plan;

import com.salespulse.contract.deal.PlanChanged;
import com.salespulse.contract.deal.PlanSet;
import com.salespulse.contract.deal.PlanTarget;
import com.salespulse.deal.currency.CurrencyService;
import com.salespulse.deal.decimal.Decimals;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import com.salespulse.security.ActingScope;
import com.salespulse.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Monthly sales plans. Setting a plan twice changes it: {@code PlanSet} the first time, {@code PlanChanged} after. */
@ApplicationScoped
public class PlanService {

    private final ActingScope acting;
    private final EntityManager em;
    private final CurrencyService currency;
    private final RosterReplica roster;
    private final Outbox outbox;
    private final Clock clock;

    private final BusinessTime time;
    private final TransactionManager transactions;

    public PlanService(
            ActingScope acting,
            EntityManager em,
            CurrencyService currency,
            RosterReplica roster,
            Outbox outbox,
            Clock clock,
            TransactionManager transactions) {
        this.acting = acting;
        this.time = new BusinessTime(clock);
        this.transactions = transactions;
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
    public SalesPlan set(
            YearMonth month,
            SalesPlan.Scope scope,
            UUID ownerId,
            BigDecimal amount,
            int dealCount,
            String reason,
            Instant occurredAt) {
        return set(month, scope, ownerId, amount, dealCount, reason, occurredAt, null);
    }

    /** As {@link #set}, giving the plan the reference it is sent by (null: it keeps the one it has, if any). */
    private SalesPlan set(
            YearMonth month,
            SalesPlan.Scope scope,
            UUID ownerId,
            BigDecimal amount,
            int dealCount,
            String reason,
            Instant occurredAt,
            ExternalRef ref) {
        Instant at = time.of(occurredAt);
        if (scope == SalesPlan.Scope.MANAGER) {
            // a plan sent as history may be for a manager who left since; a new one only for a current manager
            RosterReplica.Manager manager = roster.requireManager(ownerId, "managerId");
            if (manager.dismissed() && !at.isBefore(manager.dismissedAt())) {
                throw ProblemException.invalidField(
                        "managerId", "names a dismissed manager: a manager who left is given nothing new");
            }
        } else {
            roster.requireTeam(ownerId, "teamId");
        }
        String base = currency.requiredBaseCurrency();
        Optional<SalesPlan> existing = find(month, scope, ownerId);
        UUID managerId = scope == SalesPlan.Scope.MANAGER ? ownerId : null;
        UUID teamId = scope == SalesPlan.Scope.TEAM ? ownerId : null;
        PlanTarget after = new PlanTarget(Decimals.plain(amount), dealCount);
        if (existing.isEmpty()) {
            SalesPlan plan = new SalesPlan();
            plan.id = UUID.randomUUID();
            plan.month = month.toString();
            plan.scope = scope;
            plan.ownerId = ownerId;
            plan.amount = amount;
            plan.dealCount = dealCount;
            plan.updatedAt = at;
            if (ref != null) {
                plan.externalSystem = ref.externalSystem();
                plan.externalId = ref.externalId();
            }
            em.persist(plan);
            outbox.emit(new PlanSet(
                    plan.id,
                    plan.month,
                    scope.name(),
                    managerId,
                    teamId,
                    after,
                    base,
                    plan.updatedAt,
                    plan.externalSystem,
                    plan.externalId));
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
        if (ref != null) {
            plan.externalSystem = ref.externalSystem();
            plan.externalId = ref.externalId();
        }
        em.flush();
        outbox.emit(new PlanChanged(
                plan.id,
                plan.month,
                scope.name(),
                managerId,
                teamId,
                before,
                after,
                base,
                reason == null || reason.isBlank() ? null : reason.trim(),
                plan.updatedAt,
                plan.externalSystem,
                plan.externalId));
        return plan;
    }

    /** A plan named by its external reference: for whom and which month, and the targets. */
    public record PlanState(
            YearMonth month,
            SalesPlan.Scope scope,
            UUID ownerId,
            String ownerField,
            BigDecimal amount,
            int dealCount,
            String reason,
            Instant occurredAt) {}

    public record Upserted(SalesPlan plan, boolean created) {}

    /**
     * The state upsert by reference: sets the plan the reference names, or a new one for the month and owner sent.
     * A plan set earlier without a reference (by month and owner) takes the reference; one with another reference is
     * a 409. A plan's month and owner never change under its reference (400 naming the field). The same state twice
     * emits nothing. A dry run rolls back.
     */
    @Transactional
    public Upserted upsert(ExternalRef ref, PlanState state, boolean dryRun) {
        Optional<SalesPlan> byRef = findByRef(ref);
        if (byRef.isPresent()) {
            SalesPlan plan = byRef.get();
            if (!plan.month.equals(state.month().toString())) {
                throw ProblemException.invalidField("month", "cannot change: the plan is for " + plan.month);
            }
            if (plan.scope != state.scope() || !plan.ownerId.equals(state.ownerId())) {
                throw ProblemException.invalidField(
                        state.ownerField(), "cannot change: the plan is for " + plan.scope + " " + plan.ownerId);
            }
        } else {
            find(state.month(), state.scope(), state.ownerId()).ifPresent(plan -> {
                if (plan.externalSystem != null) {
                    throw ProblemException.conflict("The plan for " + plan.month + " of " + plan.scope + " "
                            + plan.ownerId + " has the reference " + plan.externalSystem + "/" + plan.externalId);
                }
            });
        }
        boolean created = byRef.isEmpty()
                && find(state.month(), state.scope(), state.ownerId()).isEmpty();
        SalesPlan plan = set(
                state.month(),
                state.scope(),
                state.ownerId(),
                state.amount(),
                state.dealCount(),
                state.reason(),
                state.occurredAt(),
                ref);
        // a plan set earlier by month and owner, sent again with the same targets, takes the reference too
        plan.externalSystem = ref.externalSystem();
        plan.externalId = ref.externalId();
        if (dryRun) {
            try {
                transactions.setRollbackOnly();
            } catch (SystemException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Upserted(plan, created);
    }

    @Transactional
    public Optional<SalesPlan> findByRef(ExternalRef ref) {
        return em.createQuery("from SalesPlan p where p.externalSystem = :s and p.externalId = :i", SalesPlan.class)
                .setParameter("s", ref.externalSystem())
                .setParameter("i", ref.externalId())
                .getResultStream()
                .findFirst();
    }

    /** A manager or team named by id or by reference, as a plan's owner: exactly one of the four. */
    @Transactional
    public PlanState state(
            YearMonth month,
            UUID managerId,
            ExternalRef managerRef,
            UUID teamId,
            ExternalRef teamRef,
            BigDecimal amount,
            int dealCount,
            String reason,
            Instant occurredAt) {
        boolean forManager = managerId != null || managerRef != null;
        boolean forTeam = teamId != null || teamRef != null;
        if (!forManager && !forTeam) {
            throw ProblemException.invalidField(
                    "managerId",
                    "is required: name the plan's manager (managerId or managerRef) or its team (teamId or teamRef)");
        }
        if (forManager && forTeam) {
            throw ProblemException.invalidField(
                    teamRef != null ? "teamRef" : "teamId", "a plan is a manager's or a team's, not both");
        }
        if (forManager) {
            String field = managerRef != null ? "managerRef" : "managerId";
            return new PlanState(
                    month,
                    SalesPlan.Scope.MANAGER,
                    roster.resolve(managerId, managerRef, field),
                    field,
                    amount,
                    dealCount,
                    reason,
                    occurredAt);
        }
        String field = teamRef != null ? "teamRef" : "teamId";
        return new PlanState(
                month,
                SalesPlan.Scope.TEAM,
                roster.resolveTeam(teamId, teamRef, field),
                field,
                amount,
                dealCount,
                reason,
                occurredAt);
    }

    /** The month's plans; a manager reads only their own. */
    @Transactional
    /**
     * The month's plans the caller may read: all for the whole tenant; a manager's own; a team lead's own, their
     * teams' managers' and their teams' plans.
     */
    public List<SalesPlan> month(YearMonth month, CallerScope caller) {
        String where = "from SalesPlan p where p.month = :month"
                + (caller.isWholeTenant()
                        ? ""
                        : " and ((p.scope = :manager and p.ownerId in :managers)"
                                + (caller.leadsATeam() ? " or (p.scope = :team and p.ownerId in :teams)" : "")
                                + ")")
                + " order by p.scope, p.ownerId";
        var query = em.createQuery(where, SalesPlan.class).setParameter("month", month.toString());
        if (!caller.isWholeTenant()) {
            query.setParameter("manager", SalesPlan.Scope.MANAGER).setParameter("managers", caller.managers());
            if (caller.leadsATeam()) {
                query.setParameter("team", SalesPlan.Scope.TEAM).setParameter("teams", caller.teams());
            }
        }
        return query.getResultList();
    }

    private Optional<SalesPlan> find(YearMonth month, SalesPlan.Scope scope, UUID ownerId) {
        return em.createQuery(
                        "from SalesPlan p where p.month = :m and p.scope = :s and p.ownerId = :o", SalesPlan.class)
                .setParameter("m", month.toString())
                .setParameter("s", scope)
                .setParameter("o", ownerId)
                .getResultStream()
                .findFirst();
    }
}
