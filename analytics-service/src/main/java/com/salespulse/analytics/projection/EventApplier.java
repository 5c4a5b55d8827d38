package com.salespulse.analytics.projection;

import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.ReadModelGenerations;
import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import com.salespulse.contract.ReceivedEvent;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.CardSnoozed;
import com.salespulse.contract.deal.CardUnsnoozed;
import com.salespulse.contract.deal.DealArchived;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealReopened;
import com.salespulse.contract.deal.DealRestored;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.deal.LossReasonAdded;
import com.salespulse.contract.deal.LossReasonChanged;
import com.salespulse.contract.deal.PipelineChanged;
import com.salespulse.contract.deal.PipelineCreated;
import com.salespulse.contract.deal.PlanChanged;
import com.salespulse.contract.deal.PlanSet;
import com.salespulse.contract.deal.TaskCancelled;
import com.salespulse.contract.deal.TaskCompleted;
import com.salespulse.contract.deal.TaskCreated;
import com.salespulse.contract.deal.TaskReassigned;
import com.salespulse.contract.deal.TaskRescheduled;
import com.salespulse.contract.lead.ClientUpdated;
import com.salespulse.contract.lead.ClientsMerged;
import com.salespulse.contract.lead.LeadArchived;
import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadRestored;
import com.salespulse.contract.lead.LeadStatusChanged;
import com.salespulse.contract.lead.RejectionReasonChanged;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.LeadCardsTransferred;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.ManagerUpdated;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.contract.roster.TeamLeadChanged;
import com.salespulse.contract.roster.TeamRenamed;
import com.salespulse.contract.roster.TenantSettingsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Applies events to one generation of the read model, a batch in one transaction: record the batch's events as
 * applied (one statement; a repeat is skipped), write the batch's lead creations together, update the projections
 * with the other events in the order given, and advance every tenant's position in one statement. Either all of it
 * commits or none does. The live consumer applies to the live generation, a replay to its own.
 * <p>
 * The busiest events (a card's stage, status, touches, tasks, activities, closing; see {@link #gathered}) are
 * projected into the batch's {@link Writes}, which runs each aggregate's rows in its events' order but those of many
 * aggregates together, one set-based statement ({@code unnest} arrays) for all the rows of a step. Every other event is a barrier: what was gathered runs
 * first, then the event's projection on its own, because it may read what the others wrote (a merge, a transfer, a
 * hiring, a schedule).
 */
@ApplicationScoped
public class EventApplier {

    /**
     * What a batch did: how many events were applied, how many were repeats, whose they were, and the ids of those
     * applied now.
     */
    public record Applied(int applied, int duplicates, Set<String> tenants, Set<UUID> firstDeliveries) {}

    /** For event types no projection reads (yet); they still count as applied and advance {@code asOf}. */
    private static final Runnable NOTHING = () -> {};

    private final ReadModelGenerations generations;
    private final AppliedEvents applied;
    private final ProjectionPositionRepository positions;
    private final LeadInflowProjection leadInflow;
    private final LeadCardProjection leadCards;
    private final TaskProjection tasks;
    private final RosterProjection roster;
    private final TransferProjection transfers;

    /** The one deal projection: deals as they stand, their lines and stays, stage names, rates, plans, activities. */
    @Inject
    DealProjection deals;

    /**
     * Which batches of a tenant may apply side by side: projections that combine two topics or two cards see
     * everything applied before.
     */
    @Inject
    TenantLocks tenantLocks;

    /** Merged clients as one client for the deal metrics. */
    @Inject
    ClientAliasProjection clientAliases;

    /** A client's new name on their deals. */
    @Inject
    ClientNameProjection clientNames;

    /** The tenants' rejection and loss reason labels. */
    @Inject
    ReasonCatalogueProjection reasonCatalogue;

    /** The managers' team history, for the team each deal counts for. */
    @Inject
    TeamStayProjection teamStays;

    /** Archived deals and snoozed cards (issue 20). */
    @Inject
    StaleCardProjection staleCards;

    /** The tenant's time zone, calendar and language from lead-service (issue 20). */
    @Inject
    TenantCalendarProjection tenantCalendar;

    /** Team and pipeline names, for the dashboard's pickers (metric/filters). */
    @Inject
    FilterNames names;

    @Inject
    EntityManager em;

    public EventApplier(
            ReadModelGenerations generations,
            AppliedEvents applied,
            ProjectionPositionRepository positions,
            LeadInflowProjection leadInflow,
            LeadCardProjection leadCards,
            TaskProjection tasks,
            RosterProjection roster,
            TransferProjection transfers) {
        this.generations = generations;
        this.applied = applied;
        this.positions = positions;
        this.leadInflow = leadInflow;
        this.leadCards = leadCards;
        this.tasks = tasks;
        this.roster = roster;
        this.transfers = transfers;
    }

    /**
     * Applies a batch to the live generation in one transaction, holding off a swap of generations until it commits.
     */
    @Transactional
    public Applied applyToLive(List<ReceivedEvent> events) {
        return apply(generations.holdLive(), events, true);
    }

    /**
     * Applies a batch to generation {@code gen} in one transaction beside batches of other partitions applying to it
     * at the same time (a rebuild's appliers), holding what the live consumer's batches hold ({@link TenantLocks});
     * unlike {@link #applyToLive} it holds off no swap.
     */
    @Transactional
    public Applied applyBeside(int gen, List<ReceivedEvent> events) {
        return apply(gen, events, true);
    }

    /**
     * Applies decoded events, in the given order, to generation {@code gen} in the caller's transaction (or a new
     * one). Events of one aggregate must come in their partition's order; events already applied to {@code gen}
     * (or repeated within the batch) change nothing.
     */
    @Transactional
    public Applied apply(int gen, List<ReceivedEvent> events) {
        return apply(gen, events, false);
    }

    /**
     * @param besideOthers whether batches of other partitions may apply to {@code gen} at the same time (the live
     *     consumer's): then the batch holds alone only the tenants it has a barrier event of, and the others shared,
     *     with the cards its events name ({@link TenantLocks}); else it holds its tenants alone
     */
    private Applied apply(int gen, List<ReceivedEvent> events, boolean besideOthers) {
        planOnceForAnyValues();
        // which events are new: the batch's rows of applied_event, written before any lock (an event id is written
        // by its partition's batches only, one at a time)
        Set<UUID> firstTime = applied.firstDeliveries(
                gen, events.stream().map(e -> e.metadata().id()).toList());
        Set<UUID> appliedNow = Set.copyOf(firstTime);
        List<EventMetadata> done = new ArrayList<>(firstTime.size());
        Set<String> tenants = new LinkedHashSet<>();
        List<ReceivedEvent> firstDeliveries = new ArrayList<>(firstTime.size());
        for (ReceivedEvent event : events) {
            // remove: an event id repeated inside the batch is applied once
            if (firstTime.remove(event.metadata().id())) {
                firstDeliveries.add(event);
                done.add(event.metadata());
                tenants.add(event.metadata().tenant());
            }
        }
        Writes writes = new Writes(em);
        List<LeadInflowProjection.NewLead> creations = firstDeliveries.stream()
                .filter(e -> e.type() == EventType.LEAD_CREATED)
                .map(e -> new LeadInflowProjection.NewLead(
                        new Applying(gen, e.metadata(), writes), e.dataAs(LeadCreated.class)))
                .toList();
        List<ReceivedEvent> others = firstDeliveries.stream()
                .filter(e -> e.type() != EventType.LEAD_CREATED)
                .toList();
        // The batch's Java work before its locks: the events up to the first that writes on its own (usually all)
        // are projected into the gathered writes and their statements' arrays built, so the locks are held from the
        // first write on, while PostgreSQL works, and not while Java does (the scale run's freshness phase had 0.96
        // of the busy connections idle in a transaction, locks held).
        int next = 0;
        while (next < others.size() && writesOnlyGathered(others.get(next))) {
            ReceivedEvent event = others.get(next++);
            project(new Applying(gen, event.metadata(), writes), event);
        }
        Runnable gatheredSoFar = writes.prepare();
        if (besideOthers) {
            hold(gen, events);
        } else {
            tenantLocks.hold(
                    gen, events.stream().map(e -> e.metadata().tenant()).collect(Collectors.toSet()));
        }
        // The batch's lead creations are written first, in one statement. That keeps every lead's own events in their
        // order (a creation is a lead's first event), and a creation touches no row but its own lead's.
        leadInflow.applyAll(creations);
        gatheredSoFar.run();
        for (ReceivedEvent event : others.subList(next, others.size())) {
            if (!gathered(event)) {
                writes.flush();
            }
            project(new Applying(gen, event.metadata(), writes), event);
        }
        writes.flush();
        positions.advance(gen, done);
        return new Applied(done.size(), events.size() - done.size(), tenants, appliedNow);
    }

    /**
     * Whether the event's projection writes only into the batch's {@link Writes} (it is {@link #gathered} and runs no
     * statement of its own), so it may be projected before the batch takes its locks. A team's name and lead are
     * gathered but written by their own statements.
     */
    static boolean writesOnlyGathered(ReceivedEvent event) {
        return gathered(event)
                && switch (event.type()) {
                    case TEAM_CREATED, TEAM_RENAMED, TEAM_LEAD_CHANGED -> false;
                    default -> true;
                };
    }

    /**
     * Takes the batch's locks ({@link TenantLocks}): a tenant with a barrier event alone (but a plan or a rate,
     * {@link #readByNoOtherEvent}), else shared with the cards its events name, each alone or shared ({@link #cards}).
     */
    private void hold(int gen, List<ReceivedEvent> events) {
        Map<String, Boolean> alone = new TreeMap<>();
        Map<String, Map<UUID, Boolean>> cards = new TreeMap<>();
        for (ReceivedEvent event : events) {
            String tenant = event.metadata().tenant();
            alone.merge(tenant, !gathered(event) && !readByNoOtherEvent(event), Boolean::logicalOr);
            Map<UUID, Boolean> named = cards.computeIfAbsent(tenant, t -> new HashMap<>());
            cards(event).forEach((card, cardAlone) -> named.merge(card, cardAlone, Boolean::logicalOr));
        }
        alone.forEach((tenant, isAlone) -> {
            if (isAlone) {
                cards.remove(tenant);
            }
        });
        tenantLocks.hold(gen, alone, cards);
    }

    /**
     * Whether the event is a barrier (it writes on its own, {@link #gathered}) that still need not hold its tenant
     * alone: it reads nothing, and writes one row by its own key that no other event's statement (nor any trigger)
     * reads, only the metrics do — a sales plan, an exchange rate (which also rewrites its currency's days in
     * rate_day from the currency's other rates, so it holds the currency, not the rate: {@link #cards}). Its batch
     * holds the tenant shared and the event's own key ({@link #cards}) alone, like a gathered event. A deal batch of
     * the scale dataset nearly always had a plan or a rate (3.9 a batch), which held the big tenant alone and made the
     * other copies wait.
     */
    static boolean readByNoOtherEvent(ReceivedEvent event) {
        return switch (event.type()) {
            case PLAN_SET, PLAN_CHANGED, EXCHANGE_RATE_SET -> true;
            default -> false;
        };
    }

    /**
     * The aggregates whose rows a gathered event reads or writes, each with whether the batch holds it alone
     * ({@link TenantLocks}): its own aggregate alone, and the card a completed task or a logged activity touches
     * shared (its touches reach the card's row from another partition, and commute with each other). A task's other
     * events name only the task: they write no row of its card.
     */
    static Map<UUID, Boolean> cards(ReceivedEvent event) {
        UUID touched = switch (event.type()) {
            case TASK_COMPLETED -> event.dataAs(TaskCompleted.class).cardId();
            case ACTIVITY_LOGGED -> event.dataAs(ActivityLogged.class).cardId();
            default -> null;
        };
        UUID own = event.type() == EventType.EXCHANGE_RATE_SET
                ? currency(event.dataAs(ExchangeRateSet.class).currency())
                : event.data().aggregateId();
        return touched == null || touched.equals(own) ? Map.of(own, true) : Map.of(own, true, touched, false);
    }

    /**
     * The key an exchange rate's batch holds alone: its currency, not the rate's id. The rate rewrites the currency's
     * days in rate_day from the rates before and after it (DealProjection.exchangeRate), so two rates of one currency
     * from two partitions must take turns: side by side, under read committed, each would miss the other's
     * uncommitted rate and leave days unfilled or filled from the wrong rate. The later batch waits at its locks, before
     * its first statement, so its statements see the earlier's rates.
     */
    static UUID currency(String currency) {
        return UUID.nameUUIDFromBytes(("exchange-rate:" + currency).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Plans the batch's statements once, for any values (a generic plan), never for the values of one run. The
     * statements change rows by key, and each table they change also has an index that starts with the same
     * {@code (gen, tenant_id)}. A plan for given values reads the table's statistics for that generation and tenant: for
     * a rebuild's new generation, which the statistics have not seen yet, PostgreSQL expects about one row and finds
     * the other index as cheap as the key, then reads all the tenant's deals for every deal it updates (1.3 ms per
     * update in the scale benchmark instead of 0.05 ms). A generic plan reckons with a generation's and a tenant's
     * share of the rows and takes the key. (Before a table has statistics at all, even the generic plan may miss;
     * {@code ReadModelStatistics} gives a young read model its statistics at once, which also replans every cached
     * plan of the table.)
     */
    private void planOnceForAnyValues() {
        em.unwrap(Session.class).doWork(connection -> {
            try (Statement set = connection.createStatement()) {
                set.execute("set local plan_cache_mode = force_generic_plan");
            }
        });
    }

    /**
     * Whether the event's projection writes only through {@link Writes} and reads nothing but its own aggregates' rows
     * (and what barriers write): then it need not wait for what is gathered before it. A card moved by a transfer
     * also writes the transfer's cohort directly, so it is a barrier.
     */
    static boolean gathered(ReceivedEvent event) {
        return switch (event.type()) {
            case LEAD_CREATED,
                    LEAD_UPDATED,
                    LEAD_CONVERTED,
                    LEAD_STATUS_CHANGED,
                    LEAD_CONTACT_ATTEMPTED,
                    LEAD_ARCHIVED,
                    LEAD_RESTORED,
                    CLIENT_CREATED,
                    TEAM_CREATED,
                    TEAM_RENAMED,
                    TEAM_LEAD_CHANGED,
                    MANAGER_ABSENCE_SET,
                    MANAGER_ABSENCE_CLEARED,
                    CARD_TRANSFER_COMPLETED,
                    PRODUCT_CREATED,
                    PRODUCT_CHANGED,
                    PRODUCT_DEACTIVATED,
                    BASE_CURRENCY_SET,
                    DEAL_OPENED,
                    DEAL_STAGE_MOVED,
                    DEAL_UPDATED,
                    DEAL_WON,
                    DEAL_LOST,
                    DEAL_REOPENED,
                    TASK_CREATED,
                    TASK_RESCHEDULED,
                    TASK_COMPLETED,
                    TASK_CANCELLED,
                    TASK_REASSIGNED,
                    ACTIVITY_LOGGED,
                    ALERT_RAISED,
                    ALERT_RESOLVED,
                    NOTIFICATION_DELIVERED,
                    NOTIFICATION_DELIVERY_FAILED,
                    SUBSCRIPTION_CREATED,
                    SUBSCRIPTION_DELETED,
                    WEBHOOK_SECRET_ROTATED -> true;
            case LEAD_ASSIGNED -> event.dataAs(LeadAssigned.class).transferId() == null;
            case DEAL_REASSIGNED -> event.dataAs(DealReassigned.class).transferId() == null;
            case CLIENTS_MERGED,
                    CLIENT_UPDATED,
                    CARD_TRANSFER_STARTED,
                    MANAGER_HIRED,
                    MANAGER_UPDATED,
                    MANAGER_DISMISSED,
                    LEAD_CARDS_TRANSFERRED,
                    DEAL_CARDS_TRANSFERRED,
                    PIPELINE_CREATED,
                    PIPELINE_CHANGED,
                    EXCHANGE_RATE_SET,
                    LOSS_REASON_ADDED,
                    LOSS_REASON_CHANGED,
                    REJECTION_REASON_CHANGED,
                    TENANT_SETTINGS_CHANGED,
                    PLAN_SET,
                    PLAN_CHANGED,
                    // issue 20: archiving and snoozing are rare, so they write on their own
                    DEAL_ARCHIVED,
                    DEAL_RESTORED,
                    CARD_SNOOZED,
                    CARD_UNSNOOZED -> false;
        };
    }

    private void project(Applying at, ReceivedEvent event) {
        // a switch expression: adding an event type without deciding what it does here does not compile
        Runnable projection = switch (event.type()) {
            // ---- lead events ----
            // apply() writes a batch's lead creations together before its other events, so none comes here from it
            case LEAD_CREATED -> () -> leadInflow.apply(at, event.dataAs(LeadCreated.class));
            // contact details feed no metric yet; the event still counts toward asOf
            case LEAD_UPDATED -> NOTHING;
            case LEAD_CONVERTED -> () -> leadCards.converted(at, event.dataAs(LeadConverted.class));
            case LEAD_ASSIGNED -> () -> leadCards.assigned(at, event.dataAs(LeadAssigned.class));
            case LEAD_STATUS_CHANGED -> () -> leadCards.statusChanged(at, event.dataAs(LeadStatusChanged.class));
            case LEAD_CONTACT_ATTEMPTED ->
                () -> leadCards.contactAttempted(at, event.dataAs(LeadContactAttempted.class));
            case LEAD_ARCHIVED -> () -> leadCards.archived(at, event.dataAs(LeadArchived.class));
            case LEAD_RESTORED -> () -> leadCards.restored(at, event.dataAs(LeadRestored.class));
            // a client's contacts feed no metric; a merge makes two clients one for the deal metrics
            case CLIENT_CREATED -> NOTHING;
            case CLIENTS_MERGED -> () -> clientAliases.merged(at, event.dataAs(ClientsMerged.class));
            case CLIENT_UPDATED -> () -> clientNames.updated(at, event.dataAs(ClientUpdated.class));
            case REJECTION_REASON_CHANGED ->
                () -> reasonCatalogue.rejectionReason(at, event.dataAs(RejectionReasonChanged.class));
            // ---- end of lead events ----

            // ---- roster events ----
            case CARD_TRANSFER_STARTED -> () -> transfers.started(at, event.dataAs(CardTransferStarted.class));
            case TEAM_CREATED ->
                () -> {
                    TeamCreated created = event.dataAs(TeamCreated.class);
                    names.team(at, created.teamId(), created.name());
                };
            case TEAM_RENAMED ->
                () -> {
                    TeamRenamed renamed = event.dataAs(TeamRenamed.class);
                    names.team(at, renamed.teamId(), renamed.nameAfter());
                };
            case TEAM_LEAD_CHANGED -> () -> roster.teamLeadChanged(at, event.dataAs(TeamLeadChanged.class));
            case MANAGER_HIRED ->
                () -> {
                    ManagerHired hired = event.dataAs(ManagerHired.class);
                    roster.hired(at, hired);
                    teamStays.hired(at, hired);
                };
            case MANAGER_UPDATED ->
                () -> {
                    ManagerUpdated updated = event.dataAs(ManagerUpdated.class);
                    roster.updated(at, updated);
                    teamStays.updated(at, updated);
                };
            case MANAGER_DISMISSED -> () -> roster.dismissed(at, event.dataAs(ManagerDismissed.class));
            case MANAGER_ABSENCE_SET, MANAGER_ABSENCE_CLEARED -> NOTHING;
            case LEAD_CARDS_TRANSFERRED -> () -> transfers.leadsMoved(at, event.dataAs(LeadCardsTransferred.class));
            case CARD_TRANSFER_COMPLETED -> NOTHING;
            // lead-service owns the tenant's time zone, calendar and language: the one source of analytics' calendar
            case TENANT_SETTINGS_CHANGED -> () -> tenantCalendar.changed(at, event.dataAs(TenantSettingsChanged.class));
            // ---- end of roster events ----

            // ---- deal events ----
            case DEAL_CARDS_TRANSFERRED -> () -> transfers.dealsMoved(at, event.dataAs(DealCardsTransferred.class));
            case PIPELINE_CREATED ->
                () -> {
                    PipelineCreated created = event.dataAs(PipelineCreated.class);
                    deals.pipeline(at, created.pipelineId(), created.definition());
                    names.pipeline(
                            at, created.pipelineId(), created.definition().name());
                };
            case PIPELINE_CHANGED ->
                () -> {
                    PipelineChanged changed = event.dataAs(PipelineChanged.class);
                    deals.pipeline(at, changed.pipelineId(), changed.after());
                    names.pipeline(at, changed.pipelineId(), changed.after().name());
                };
            case PRODUCT_CREATED -> NOTHING;
            case PRODUCT_CHANGED -> NOTHING;
            case PRODUCT_DEACTIVATED -> NOTHING;
            case BASE_CURRENCY_SET -> NOTHING;
            case EXCHANGE_RATE_SET -> () -> deals.exchangeRate(at, event.dataAs(ExchangeRateSet.class));
            case LOSS_REASON_ADDED -> () -> deals.lossReasonAdded(at, event.dataAs(LossReasonAdded.class));
            case LOSS_REASON_CHANGED -> () -> reasonCatalogue.lossReason(at, event.dataAs(LossReasonChanged.class));
            case DEAL_OPENED -> () -> deals.opened(at, event.dataAs(DealOpened.class));
            case DEAL_STAGE_MOVED -> () -> deals.stageMoved(at, event.dataAs(DealStageMoved.class));
            case DEAL_UPDATED -> () -> deals.updated(at, event.dataAs(DealUpdated.class));
            case DEAL_WON -> () -> deals.won(at, event.dataAs(DealWon.class));
            case DEAL_LOST -> () -> deals.lost(at, event.dataAs(DealLost.class));
            case DEAL_REOPENED -> () -> deals.reopened(at, event.dataAs(DealReopened.class));
            case DEAL_REASSIGNED -> () -> deals.reassigned(at, event.dataAs(DealReassigned.class));
            case DEAL_ARCHIVED -> () -> staleCards.archived(at, event.dataAs(DealArchived.class));
            case DEAL_RESTORED -> () -> staleCards.restored(at, event.dataAs(DealRestored.class));
            case CARD_SNOOZED -> () -> staleCards.snoozed(at, event.dataAs(CardSnoozed.class));
            case CARD_UNSNOOZED -> () -> staleCards.unsnoozed(at, event.dataAs(CardUnsnoozed.class));
            case TASK_CREATED -> () -> tasks.created(at, event.dataAs(TaskCreated.class));
            case TASK_RESCHEDULED -> () -> tasks.rescheduled(at, event.dataAs(TaskRescheduled.class));
            case TASK_COMPLETED -> () -> tasks.completed(at, event.dataAs(TaskCompleted.class));
            case TASK_CANCELLED -> () -> tasks.cancelled(at, event.dataAs(TaskCancelled.class));
            case TASK_REASSIGNED -> () -> tasks.reassigned(at, event.dataAs(TaskReassigned.class));
            case ACTIVITY_LOGGED ->
                () -> {
                    ActivityLogged activity = event.dataAs(ActivityLogged.class);
                    tasks.activity(at, activity);
                    deals.activity(at, activity);
                };
            case PLAN_SET -> () -> deals.planSet(at, event.dataAs(PlanSet.class));
            case PLAN_CHANGED -> () -> deals.planChanged(at, event.dataAs(PlanChanged.class));
            // ---- end of deal events ----

            // ---- alert and notification events: analytics raises alerts, it does not read them back ----
            case ALERT_RAISED, ALERT_RESOLVED -> NOTHING;
            case NOTIFICATION_DELIVERED,
                    NOTIFICATION_DELIVERY_FAILED,
                    SUBSCRIPTION_CREATED,
                    SUBSCRIPTION_DELETED,
                    WEBHOOK_SECRET_ROTATED -> NOTHING;
            // ---- end of alert and notification events ----
        };
        projection.run();
    }
}
