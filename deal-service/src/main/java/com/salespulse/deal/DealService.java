package com.salespulse.deal;

import com.salespulse.contract.deal.DealArchived;
import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealReopened;
import com.salespulse.contract.deal.DealRestored;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.deal.currency.CurrencyService;
import com.salespulse.deal.decimal.Decimals;
import com.salespulse.deal.lead.KnownClients;
import com.salespulse.deal.pipeline.DefaultPipelines;
import com.salespulse.deal.pipeline.Pipeline;
import com.salespulse.deal.pipeline.PipelineRepository;
import com.salespulse.deal.pipeline.PipelineService;
import com.salespulse.deal.pipeline.Stage;
import com.salespulse.deal.product.Product;
import com.salespulse.deal.product.ProductRepository;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import com.salespulse.security.ActingScope;
import com.salespulse.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deals from opening to won or lost. Every change is stored with exactly one event in the same transaction, carrying
 * before and after where it is a change and the probabilities in force at that moment.
 */
@ApplicationScoped
public class DealService {

    private final ActingScope acting;
    private final DealRepository deals;
    private final PipelineService pipelineService;
    private final DefaultPipelines defaultPipelines;
    private final PipelineRepository pipelines;
    private final ProductRepository products;
    private final LossReasonService lossReasons;
    private final RosterReplica roster;
    private final CurrencyService currency;
    private final KnownClients clients;
    private final Outbox outbox;
    private final BusinessTime time;
    private final TransactionManager transactions;
    private final String fallbackCurrency;

    public DealService(
            ActingScope acting,
            DealRepository deals,
            PipelineService pipelineService,
            DefaultPipelines defaultPipelines,
            PipelineRepository pipelines,
            ProductRepository products,
            LossReasonService lossReasons,
            RosterReplica roster,
            KnownClients clients,
            CurrencyService currency,
            Outbox outbox,
            Clock clock,
            TransactionManager transactions,
            @ConfigProperty(name = "salespulse.deal.fallback-currency", defaultValue = "RUB") String fallbackCurrency) {
        this.acting = acting;
        this.clients = clients;
        this.time = new BusinessTime(clock);
        this.transactions = transactions;
        this.deals = deals;
        this.pipelineService = pipelineService;
        this.defaultPipelines = defaultPipelines;
        this.pipelines = pipelines;
        this.products = products;
        this.lossReasons = lossReasons;
        this.roster = roster;
        this.currency = currency;
        this.outbox = outbox;
        this.fallbackCurrency = fallbackCurrency;
    }

    /** A product line as asked for (product by id or reference); a missing unit price takes the list price. */
    public record LineSpec(
            UUID productId,
            ExternalRef productRef,
            BigDecimal quantity,
            BigDecimal unitPrice,
            BigDecimal discountPercent) {}

    /**
     * What opening a deal over the API needs, already validated field by field: each other entity by id or by its
     * external reference; {@code ref} the deal's own reference; {@code occurredAt} its business time (null: now).
     */
    public record NewDeal(
            UUID clientId,
            ExternalRef clientRef,
            String clientName,
            UUID managerId,
            ExternalRef managerRef,
            UUID pipelineId,
            ExternalRef pipelineRef,
            UUID stageId,
            ExternalRef stageRef,
            BigDecimal amount,
            String currency,
            List<LineSpec> lines,
            LocalDate expectedCloseDate,
            String source,
            UUID referredByClientId,
            ExternalRef referredByClientRef,
            String externalRef,
            ExternalRef ref,
            Instant occurredAt) {}

    /**
     * Opens the deal of a converted lead, exactly once per lead: a second event for the same lead (redelivered, or
     * re-sent with another id) finds the deal and opens nothing. The deal opens at the conversion's business time.
     * When the conversion names the deal's external reference and a deal with it exists already (the integrator
     * sent it by reference before this event was consumed), that deal is linked to the lead instead.
     *
     * @return the new deal, or empty when the lead already has one or an existing deal was linked
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Deal> openFromConversion(LeadConverted converted) {
        if (deals.findByLead(converted.leadId()).isPresent()) {
            return Optional.empty();
        }
        ExternalRef ref = converted.dealExternalSystem() == null || converted.dealExternalId() == null
                ? null
                : new ExternalRef(converted.dealExternalSystem(), converted.dealExternalId());
        if (ref != null) {
            Optional<Deal> existing = deals.findByRef(ref);
            if (existing.isPresent()) {
                if (existing.get().leadId == null) {
                    existing.get().leadId = converted.leadId();
                }
                return Optional.empty();
            }
        }
        Pipeline pipeline = Optional.ofNullable(converted.pipelineId())
                .flatMap(pipelines::findByIdOptional)
                .orElseGet(() -> pipelineService.defaultPipeline());
        String dealCurrency = converted.currency() != null
                ? converted.currency()
                : currency.baseCurrency().orElse(fallbackCurrency);
        BigDecimal amount = converted.expectedAmount() == null ? BigDecimal.ZERO : converted.expectedAmount();
        Instant at = converted.convertedAt() != null ? converted.convertedAt() : time.now();
        Deal deal = newDeal(
                converted.clientId(),
                blankToNull(converted.clientName()),
                converted.managerId(),
                pipeline,
                pipeline.firstOpenStage(),
                converted.source(),
                converted.referredByClientId(),
                null,
                ref,
                deals.hasWonDeal(converted.clientId()),
                at);
        deal.leadId = converted.leadId();
        deal.amount = amount;
        deal.currency = dealCurrency;
        return Optional.of(persistOpened(deal, pipeline));
    }

    /**
     * Opens a deal for a client deal-service knows: one with a deal already (a repeat sale, another deal of a current
     * client) or one lead-service created (its first deal, without a lead conversion). A reference already used by
     * another deal answers 409: {@link #upsert} is the create-or-update.
     */
    @Transactional
    public Deal open(CallerScope scope, NewDeal input) {
        if (input.ref() != null && deals.findByRef(input.ref()).isPresent()) {
            throw ProblemException.conflict(
                    "A deal with the reference " + input.ref().externalSystem() + "/"
                            + input.ref().externalId() + " exists already: PUT /api/v1/deals/by-ref/"
                            + input.ref().externalSystem() + "/" + input.ref().externalId() + " updates it");
        }
        return create(scope, input, time.of(input.occurredAt()));
    }

    private Deal create(CallerScope scope, NewDeal input, Instant at) {
        UUID clientId = clientNamed(input.clientId(), input.clientRef(), "clientId", "clientRef");
        // one statement: the client's facts (known, their name, a repeat sale), the manager the body names by id (or
        // the caller, for a manager) and the default pipeline's version; checked below in the order they always were
        UUID expectedOwner = input.managerRef() != null
                ? null
                : input.managerId() != null ? input.managerId() : scope.isWholeTenant() ? null : scope.own();
        boolean defaultPipeline = input.pipelineId() == null
                && input.pipelineRef() == null
                && input.stageId() == null
                && input.stageRef() == null;
        DealRepository.OpeningFacts opening = deals.openingFacts(clientId, expectedOwner, defaultPipeline);
        DealRepository.ClientFacts facts = opening.client();
        if (input.clientRef() == null && !facts.known()) {
            throw unknownClient("clientId");
        }
        UUID referredBy = input.referredByClientId() == null && input.referredByClientRef() == null
                ? null
                : client(
                        input.referredByClientId(),
                        input.referredByClientRef(),
                        "referredByClientId",
                        "referredByClientRef");
        UUID managerId = owner(scope, input.managerId(), input.managerRef(), expectedOwner, opening.manager());
        Placement placement = defaultPipeline
                ? firstOpenStage(defaultPipelines.current(opening.defaultPipeline()))
                : placement(input, null);
        Pipeline pipeline = placement.pipeline();
        Stage stage = placement.stage();
        if (stage.kind != Stage.Kind.OPEN) {
            throw ProblemException.invalidField(
                    input.stageRef() != null ? "stageRef" : "stageId", "a deal opens in an OPEN stage");
        }
        // absent: the name on the client's latest named deal, else the client base's; a lead without a name has none
        String clientName = input.clientName() != null ? input.clientName().trim() : facts.name();
        Deal deal = newDeal(
                clientId,
                clientName,
                managerId,
                pipeline,
                stage,
                input.source(),
                referredBy,
                input.externalRef(),
                input.ref(),
                facts.hasWonDeal(),
                at);
        deal.currency = input.currency();
        deal.lines = lines(input.lines() == null ? List.of() : input.lines(), input.currency(), Set.of());
        deal.amount = amountOf(deal.lines, input.amount());
        deal.expectedCloseDate = input.expectedCloseDate();
        return persistOpened(deal, pipeline);
    }

    private Deal newDeal(
            UUID clientId,
            String clientName,
            UUID managerId,
            Pipeline pipeline,
            Stage stage,
            String source,
            UUID referredBy,
            String externalRef,
            ExternalRef ref,
            boolean repeatSale,
            Instant at) {
        Deal deal = new Deal();
        deal.id = UUID.randomUUID();
        deal.clientId = clientId;
        deal.clientName = clientName;
        deal.managerId = managerId;
        deal.pipelineId = pipeline.id;
        deal.stageId = stage.id;
        deal.status = Deal.Status.OPEN;
        deal.source = source;
        deal.referredByClientId = referredBy;
        deal.externalRef = externalRef;
        if (ref != null) {
            deal.externalSystem = ref.externalSystem();
            deal.externalId = ref.externalId();
        }
        deal.repeatSale = repeatSale;
        deal.openedAt = at;
        deal.lastChangeAt = at;
        deal.recordedAt = time.now();
        return deal;
    }

    private Deal persistOpened(Deal deal, Pipeline pipeline) {
        deals.persist(deal);
        Stage stage = pipeline.stage(deal.stageId).orElseThrow();
        outbox.emit(new DealOpened(
                deal.id,
                deal.clientId,
                deal.clientName,
                deal.managerId,
                deal.pipelineId,
                deal.stageId,
                stage.probability,
                deal.terms(),
                deal.source,
                deal.referredByClientId,
                deal.repeatSale,
                deal.leadId,
                deal.externalRef,
                deal.openedAt,
                deal.externalSystem,
                deal.externalId));
        return deal;
    }

    /** The state a deal is to be in, sent by reference: the open body, its stage, a loss reason, a business time. */
    public record DealState(NewDeal deal, String lossReason, String lossComment) {}

    /** The deal after a state upsert, and whether it was created. */
    public record Upserted(Deal deal, boolean created) {}

    /**
     * Creates the deal with this reference in the state sent, or brings the existing one to it, emitting the events
     * the single operations would (opened, reopened, reassigned, updated, stage-moved, won, lost), each at the
     * state's business time. The same state twice changes nothing and emits nothing. A change older than the
     * deal's last one is refused (409 stale-change), and so is any change to an archived deal. A dry run does all of it and rolls back.
     */
    @Transactional
    public Upserted upsert(CallerScope scope, DealState state, boolean dryRun) {
        NewDeal input = state.deal();
        Instant at = time.of(input.occurredAt());
        Optional<Deal> existing = deals.findByRef(input.ref());
        if (existing.isPresent() && !scope.includes(existing.get().managerId)) {
            throw ProblemException.notFound(
                    "Deal " + input.ref().externalSystem() + "/" + input.ref().externalId());
        }
        Upserted result;
        if (existing.isEmpty()) {
            Deal deal = create(scope, withoutClosingStage(input), at);
            Stage target = placement(input, deal).stage();
            requireLossReasonOnlyWhenLost(target, state);
            close(deal, target, state, at);
            result = new Upserted(deal, true);
        } else {
            result = new Upserted(bringTo(scope, existing.get(), state, at), false);
        }
        if (dryRun) {
            rollbackOnly();
        }
        return result;
    }

    /** A deal created in a closing state opens in the first open stage and is closed at the same moment. */
    private NewDeal withoutClosingStage(NewDeal input) {
        if (input.stageId() == null && input.stageRef() == null) {
            return input;
        }
        Placement placement = placement(input, null);
        if (placement.stage().kind == Stage.Kind.OPEN) {
            return input;
        }
        // the closing stage's pipeline is the one the deal opens in
        return new NewDeal(
                input.clientId(),
                input.clientRef(),
                input.clientName(),
                input.managerId(),
                input.managerRef(),
                placement.pipeline().id,
                null,
                null,
                null,
                input.amount(),
                input.currency(),
                input.lines(),
                input.expectedCloseDate(),
                input.source(),
                input.referredByClientId(),
                input.referredByClientRef(),
                input.externalRef(),
                input.ref(),
                input.occurredAt());
    }

    /** Where a body puts a deal: a pipeline and one of its stages. */
    private record Placement(Pipeline pipeline, Stage stage) {}

    private static Placement firstOpenStage(Pipeline pipeline) {
        return new Placement(pipeline, pipeline.firstOpenStage());
    }

    /**
     * Where a body puts a deal ({@code deal} null: a new one). A stage (stageId or stageRef, any stage of the
     * tenant) names its pipeline; a pipeline named as well must be that one (400 naming the stage). A pipeline named
     * alone means its first open stage, unless it is the deal's own (then the deal's stage). Neither: a new deal's
     * default pipeline and its first open stage, an existing deal's pipeline and stage.
     */
    private Placement placement(NewDeal input, Deal deal) {
        boolean pipelineNamed = input.pipelineId() != null || input.pipelineRef() != null;
        Pipeline named = pipelineNamed ? pipeline(input.pipelineId(), input.pipelineRef()) : null;
        if (input.stageId() != null || input.stageRef() != null) {
            ExternalRef.notBoth(input.stageId(), input.stageRef(), "stageRef");
            String field = input.stageRef() != null ? "stageRef" : "stageId";
            UUID stageId = input.stageRef() == null
                    ? input.stageId()
                    : pipelines
                            .findStageByRef(input.stageRef())
                            .orElseThrow(() -> ExternalRef.unknown("stageRef", "stage"))
                            .id;
            Pipeline of = pipelines
                    .findByStage(stageId)
                    .orElseThrow(() -> ProblemException.invalidField("stageId", "is not a stage of this tenant"));
            if (named != null && !named.id.equals(of.id)) {
                throw ProblemException.invalidField(
                        field, "is not a stage of the pipeline '" + named.name + "' the body names");
            }
            return new Placement(of, of.stage(stageId).orElseThrow());
        }
        if (deal == null) {
            return firstOpenStage(named != null ? named : defaultPipelines.current());
        }
        if (named == null || named.id.equals(deal.pipelineId)) {
            Pipeline own = pipelines.findById(deal.pipelineId);
            return new Placement(own, own.stage(deal.stageId).orElseThrow());
        }
        return new Placement(named, named.firstOpenStage());
    }

    private static void requireLossReasonOnlyWhenLost(Stage target, DealState state) {
        if (target.kind == Stage.Kind.LOST
                && (state.lossReason() == null || state.lossReason().isBlank())) {
            throw ProblemException.invalidField("lossReason", "is required for a LOST stage");
        }
        if (target.kind != Stage.Kind.LOST && state.lossReason() != null) {
            throw ProblemException.invalidField("lossReason", "is only sent with the LOST stage");
        }
    }

    /** Wins or loses a freshly opened deal when the state names a closing stage. */
    private void close(Deal deal, Stage target, DealState state, Instant at) {
        if (target.kind == Stage.Kind.WON) {
            doWin(deal, null, at);
        } else if (target.kind == Stage.Kind.LOST) {
            doLose(deal, state.lossReason(), state.lossComment(), at);
        }
    }

    private Deal bringTo(CallerScope scope, Deal deal, DealState state, Instant at) {
        NewDeal input = state.deal();
        String clientField = input.clientRef() != null ? "clientRef" : "clientId";
        // a later state may leave the client out: a deal's client never changes
        UUID clientId = input.clientId() == null && input.clientRef() == null
                ? deal.clientId
                : client(input.clientId(), input.clientRef(), "clientId", "clientRef");
        if (!clientId.equals(deal.clientId)) {
            throw ProblemException.invalidField(clientField, "cannot change: the deal is with client " + deal.clientId);
        }
        UUID named = namedOwner(scope, input.managerId(), input.managerRef());
        UUID managerId = named == null ? deal.managerId : named;
        Placement placement = placement(input, deal);
        Stage target = placement.stage();
        UUID targetPipeline = placement.pipeline().id;
        requireLossReasonOnlyWhenLost(target, state);
        LossReason lossReason = target.kind == Stage.Kind.LOST ? lossReason(state.lossReason(), "lossReason") : null;
        TermsChange terms = new TermsChange(
                deal.version,
                input.amount(),
                input.currency(),
                input.lines(),
                input.expectedCloseDate(),
                null,
                input.occurredAt());
        boolean termsChange = !sameTerms(deal.terms(), candidateTerms(deal, terms));
        boolean managerChange = !managerId.equals(deal.managerId);
        boolean stageChange =
                !target.id.equals(deal.stageId) || (lossReason != null && !lossReason.code.equals(deal.lostReasonCode));
        if (!termsChange && !managerChange && !stageChange) {
            return deal;
        }
        if (deal.archivedAt != null) {
            // as every other change to an archived deal: nothing written, nothing emitted
            throw ProblemException.conflict(
                    "Deal " + deal.id + " is archived: the state sent cannot be brought about (restore it first)");
        }
        BusinessTime.notBefore(at, deal.openedAt, "the deal was opened");
        BusinessTime.notStale(at, deal.lastChangeAt, "deal " + deal.id);
        if (deal.status != Deal.Status.OPEN) {
            boolean staysClosed = target.id.equals(deal.stageId);
            if (staysClosed) {
                throw ProblemException.conflict("Deal " + deal.id + " is " + deal.status + ": its manager, terms and "
                        + "loss reason cannot change; send an OPEN stage to reopen it first");
            }
            // reopened in its own pipeline; a stage of another pipeline is then reached by the move below
            Stage reopenTo = target.kind == Stage.Kind.OPEN && targetPipeline.equals(deal.pipelineId)
                    ? target
                    : pipelines.findById(deal.pipelineId).firstOpenStage();
            doReopen(deal, reopenTo, null, at);
        }
        if (managerChange) {
            roster.requireActiveManager(managerId, input.managerRef() != null ? "managerRef" : "managerId");
            giveTo(deal, managerId, null, null, at);
        }
        if (termsChange) {
            applyTerms(deal, terms, at);
        }
        if (!target.id.equals(deal.stageId)) {
            switch (target.kind) {
                case OPEN -> doMove(deal, targetPipeline, target, null, at);
                case WON -> {
                    // won in the pipeline it was won in: deal.won carries that pipeline, fromStageId the stage left
                    deal.pipelineId = targetPipeline;
                    doWin(deal, null, at);
                }
                case LOST -> {
                    deal.pipelineId = targetPipeline;
                    doLose(deal, lossReason.code, state.lossComment(), at);
                }
            }
        }
        return deal;
    }

    /** The deal with this reference, in the caller's scope. */
    @Transactional
    public Optional<Deal> findByRef(ExternalRef ref, CallerScope scope) {
        return deals.findByRef(ref).filter(d -> scope.includes(d.managerId));
    }

    /** New terms; a null field keeps its value. */
    public record TermsChange(
            long expectedVersion,
            BigDecimal amount,
            String currency,
            List<LineSpec> lines,
            LocalDate expectedCloseDate,
            String reason,
            Instant occurredAt) {}

    /** Changes amount, currency, lines or expected close date of an open deal; emits {@code DealUpdated}. */
    @Transactional
    public Optional<Deal> update(UUID id, CallerScope scope, TermsChange change) {
        return deals.findVisible(id, scope).map(deal -> {
            checkVersion(deal, change.expectedVersion());
            requireOpen(deal, "change");
            Instant at = changeTime(deal, change.occurredAt());
            applyTerms(deal, change, at);
            return deal;
        });
    }

    private DealTerms candidateTerms(Deal deal, TermsChange change) {
        String newCurrency = change.currency() != null ? change.currency() : deal.currency;
        List<DealLineItem> newLines = deal.lines;
        if (change.lines() != null) {
            Set<UUID> already = deal.lines.stream().map(l -> l.productId).collect(Collectors.toSet());
            newLines = lines(change.lines(), newCurrency, already);
        } else if (!newCurrency.equals(deal.currency) && !deal.lines.isEmpty()) {
            throw ProblemException.invalidField("currency", "send the lines again with prices in the new currency");
        }
        BigDecimal asked = change.amount() != null ? change.amount() : (newLines.isEmpty() ? deal.amount : null);
        BigDecimal amount = amountOf(newLines, asked);
        LocalDate close = change.expectedCloseDate() != null ? change.expectedCloseDate() : deal.expectedCloseDate;
        return new DealTerms(
                Decimals.plain(amount),
                newCurrency,
                newLines.stream().map(DealLineItem::toEvent).toList(),
                close);
    }

    private void applyTerms(Deal deal, TermsChange change, Instant at) {
        DealTerms before = deal.terms();
        String newCurrency = change.currency() != null ? change.currency() : deal.currency;
        if (change.lines() != null) {
            Set<UUID> already = deal.lines.stream().map(l -> l.productId).collect(Collectors.toSet());
            List<DealLineItem> newLines = lines(change.lines(), newCurrency, already);
            deal.lines.clear();
            deal.lines.addAll(newLines);
        } else if (!newCurrency.equals(deal.currency) && !deal.lines.isEmpty()) {
            throw ProblemException.invalidField("currency", "send the lines again with prices in the new currency");
        }
        deal.currency = newCurrency;
        BigDecimal asked = change.amount() != null ? change.amount() : (deal.lines.isEmpty() ? deal.amount : null);
        deal.amount = amountOf(deal.lines, asked);
        if (change.expectedCloseDate() != null) {
            deal.expectedCloseDate = change.expectedCloseDate();
        }
        DealTerms after = deal.terms();
        if (!sameTerms(before, after)) {
            deal.lastChangeAt = at;
            deals.flush();
            outbox.emit(new DealUpdated(
                    deal.id,
                    deal.managerId,
                    before,
                    after,
                    blankToNull(change.reason()),
                    at,
                    deal.externalSystem,
                    deal.externalId));
        }
    }

    /** Moves an open deal to another open stage of its own pipeline. */
    @Transactional
    public Optional<Deal> moveStage(UUID id, CallerScope scope, UUID stageId, String reason, Instant occurredAt) {
        return deals.findVisible(id, scope).map(deal -> {
            requireOpen(deal, "move");
            Pipeline pipeline = pipelines.findById(deal.pipelineId);
            Stage to = pipeline.stage(stageId)
                    .orElseThrow(() -> ProblemException.invalidField(
                            "stageId", "is not a stage of the deal's pipeline '" + pipeline.name + "'"));
            if (to.kind != Stage.Kind.OPEN) {
                throw ProblemException.invalidField(
                        "stageId", "is a " + to.kind + " stage: win or lose the deal instead");
            }
            if (to.id.equals(deal.stageId)) {
                throw ProblemException.conflict("The deal is already in stage '" + to.name + "'");
            }
            doMove(deal, pipeline.id, to, reason, changeTime(deal, occurredAt));
            return deal;
        });
    }

    /**
     * Moves an open deal to {@code to}, which may be a stage of another pipeline (a state upsert only): the deal is
     * then in that pipeline, and deal.stage-moved carries it as pipelineId with fromStageId of the pipeline left.
     */
    private void doMove(Deal deal, UUID toPipeline, Stage to, String reason, Instant at) {
        Pipeline pipeline = pipelines.findById(deal.pipelineId);
        Stage from = pipeline.stage(deal.stageId).orElseThrow();
        deal.pipelineId = toPipeline;
        deal.stageId = to.id;
        deal.lastChangeAt = at;
        outbox.emit(new DealStageMoved(
                deal.id,
                deal.managerId,
                deal.pipelineId,
                from.id,
                from.probability,
                to.id,
                to.probability,
                blankToNull(reason),
                at,
                deal.externalSystem,
                deal.externalId));
    }

    /** Wins an open deal; a deal already won (or lost) answers 409. */
    @Transactional
    public Optional<Deal> win(UUID id, CallerScope scope, BigDecimal finalAmount, Instant occurredAt) {
        return deals.findVisible(id, scope).map(deal -> {
            requireOpen(deal, "win");
            doWin(deal, finalAmount, changeTime(deal, occurredAt));
            return deal;
        });
    }

    private void doWin(Deal deal, BigDecimal finalAmount, Instant at) {
        Pipeline pipeline = pipelines.findById(deal.pipelineId);
        UUID from = deal.stageId;
        if (finalAmount != null) {
            deal.amount = finalAmount;
        }
        deal.stageId = pipeline.closingStage(Stage.Kind.WON).id;
        deal.status = Deal.Status.WON;
        deal.closedAt = at;
        deal.lastChangeAt = at;
        outbox.emit(new DealWon(
                deal.id,
                deal.clientId,
                deal.managerId,
                deal.pipelineId,
                from,
                deal.stageId,
                Decimals.plain(deal.amount),
                deal.currency,
                deal.terms().lines(),
                deal.repeatSale,
                deal.referredByClientId,
                deal.openedAt,
                deal.closedAt,
                deal.externalSystem,
                deal.externalId));
    }

    /** Loses an open deal with a reason from the tenant's catalogue. */
    @Transactional
    public Optional<Deal> lose(UUID id, CallerScope scope, String reasonCode, String comment, Instant occurredAt) {
        return deals.findVisible(id, scope).map(deal -> {
            requireOpen(deal, "lose");
            LossReason reason = lossReason(reasonCode, "reasonCode");
            doLose(deal, reason.code, comment, changeTime(deal, occurredAt));
            return deal;
        });
    }

    private LossReason lossReason(String code, String field) {
        LossReason reason = lossReasons
                .byCode(code)
                .orElseThrow(() -> ProblemException.invalidField(
                        field, "is not in the tenant's catalogue of loss reasons (GET /api/v1/loss-reasons)"));
        if (!reason.active) {
            throw ProblemException.invalidField(field, "is deactivated in the tenant's catalogue of loss reasons");
        }
        return reason;
    }

    private void doLose(Deal deal, String reasonCode, String comment, Instant at) {
        LossReason reason = lossReason(reasonCode, "lossReason");
        Pipeline pipeline = pipelines.findById(deal.pipelineId);
        UUID from = deal.stageId;
        deal.stageId = pipeline.closingStage(Stage.Kind.LOST).id;
        deal.status = Deal.Status.LOST;
        deal.lostReasonCode = reason.code;
        deal.closedAt = at;
        deal.lastChangeAt = at;
        outbox.emit(new DealLost(
                deal.id,
                deal.clientId,
                deal.managerId,
                deal.pipelineId,
                from,
                deal.stageId,
                reason.code,
                reason.kind.name(),
                blankToNull(comment),
                Decimals.plain(deal.amount),
                deal.currency,
                deal.closedAt,
                deal.externalSystem,
                deal.externalId));
    }

    /**
     * Archives an open deal with a reason: it keeps its stage and owner, and leaves the working lists and analytics'
     * "now" metrics until restored. A closed or already archived deal answers 409.
     */
    @Transactional
    public Optional<Deal> archive(UUID id, CallerScope scope, String reason, Instant occurredAt) {
        return deals.findVisible(id, scope).map(deal -> {
            requireOpen(deal, "archive");
            // as the database keeps it, so deal.restored repeats the very instant deal.archived carried
            Instant at = changeTime(deal, occurredAt).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            deal.archivedAt = at;
            deal.archiveReason = reason.trim();
            deal.lastChangeAt = at;
            outbox.emit(new DealArchived(
                    deal.id,
                    deal.managerId,
                    deal.stageId,
                    deal.archiveReason,
                    at,
                    deal.externalSystem,
                    deal.externalId));
            return deal;
        });
    }

    /** Restores an archived deal to the working lists, in the stage it had; one not archived answers 409. */
    @Transactional
    public Optional<Deal> restore(UUID id, CallerScope scope, String reason, Instant occurredAt) {
        return deals.findVisible(id, scope).map(deal -> {
            if (deal.archivedAt == null) {
                throw ProblemException.conflict("Deal " + id + " is not archived");
            }
            Instant at = changeTime(deal, occurredAt);
            Instant archivedAt = deal.archivedAt;
            deal.archivedAt = null;
            deal.archiveReason = null;
            deal.lastChangeAt = at;
            outbox.emit(new DealRestored(
                    deal.id,
                    deal.managerId,
                    deal.stageId,
                    reason.trim(),
                    archivedAt,
                    at,
                    deal.externalSystem,
                    deal.externalId));
            return deal;
        });
    }

    /** Reopens a won or lost deal into an open stage (the first one unless named). */
    @Transactional
    public Optional<Deal> reopen(UUID id, CallerScope scope, UUID stageId, String reason, Instant occurredAt) {
        return deals.findVisible(id, scope).map(deal -> {
            if (deal.status == Deal.Status.OPEN) {
                throw ProblemException.conflict("Deal " + id + " is open already");
            }
            Pipeline pipeline = pipelines.findById(deal.pipelineId);
            Stage to = stageId == null
                    ? pipeline.firstOpenStage()
                    : pipeline.stage(stageId)
                            .filter(s -> s.kind == Stage.Kind.OPEN)
                            .orElseThrow(() -> ProblemException.invalidField(
                                    "stageId", "is not an OPEN stage of the deal's pipeline"));
            doReopen(deal, to, reason, changeTime(deal, occurredAt));
            return deal;
        });
    }

    private void doReopen(Deal deal, Stage to, String reason, Instant at) {
        String statusBefore = deal.status.name();
        UUID from = deal.stageId;
        deal.status = Deal.Status.OPEN;
        deal.stageId = to.id;
        deal.closedAt = null;
        deal.lostReasonCode = null;
        deal.lastChangeAt = at;
        outbox.emit(new DealReopened(
                deal.id,
                deal.managerId,
                statusBefore,
                from,
                to.id,
                to.probability,
                blankToNull(reason),
                at,
                deal.externalSystem,
                deal.externalId));
    }

    /**
     * A card transfer ({@code transferId}) gives a deal to another manager at the transfer's business time {@code at},
     * or at the deal's last change when that is later (a card's history never goes back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reassign(Deal deal, UUID toManagerId, String reason, UUID transferId, Instant at) {
        giveTo(deal, toManagerId, reason, transferId, deal.lastChangeAt.isAfter(at) ? deal.lastChangeAt : at);
    }

    private void giveTo(Deal deal, UUID toManagerId, String reason, UUID transferId, Instant at) {
        UUID from = deal.managerId;
        deal.managerId = toManagerId;
        deal.lastChangeAt = at;
        outbox.emit(new DealReassigned(
                deal.id, from, toManagerId, blankToNull(reason), transferId, at, deal.externalSystem, deal.externalId));
    }

    /**
     * By hand (head of sales, integrator, a team lead within their teams): gives an open deal to another manager. A
     * team lead's deal outside their teams is not found (404); a manager outside them is refused (400 naming it).
     */
    @Transactional
    public Optional<Deal> reassign(
            UUID id, CallerScope scope, UUID toManagerId, ExternalRef toManagerRef, String reason, Instant occurredAt) {
        return deals.findVisible(id, scope).map(deal -> {
            String field = toManagerRef != null ? "managerRef" : "managerId";
            UUID to = roster.resolve(toManagerId, toManagerRef, "managerRef");
            if (to == null) {
                throw ProblemException.invalidField("managerId", "is required");
            }
            if (!scope.includes(to)) {
                throw ProblemException.invalidField(
                        field, "a team lead gives deals only to the managers of their teams");
            }
            roster.requireActiveManager(to, field);
            requireOpen(deal, "reassign");
            if (deal.managerId.equals(to)) {
                throw ProblemException.invalidField(field, "already owns the deal");
            }
            giveTo(deal, to, reason, null, changeTime(deal, occurredAt));
            return deal;
        });
    }

    /**
     * The business time of a change to a deal: not in the future, not before it opened (400), not before its last
     * recorded change (409 stale-change).
     */
    private Instant changeTime(Deal deal, Instant occurredAt) {
        Instant at = time.of(occurredAt);
        BusinessTime.notBefore(at, deal.openedAt, "the deal was opened");
        BusinessTime.notStale(at, deal.lastChangeAt, "deal " + deal.id);
        return at;
    }

    /** A client named by id or reference: one with a deal here, or one lead-service created. */
    private UUID client(UUID id, ExternalRef ref, String idField, String refField) {
        UUID clientId = clientNamed(id, ref, idField, refField);
        if (ref == null && !deals.knowsClient(clientId) && !clients.knows(clientId)) {
            throw unknownClient(idField);
        }
        return clientId;
    }

    /** The client a body names: by reference (a client lead-service told us about), or the id, not yet checked. */
    private UUID clientNamed(UUID id, ExternalRef ref, String idField, String refField) {
        ExternalRef.notBoth(id, ref, refField);
        if (ref != null) {
            return clients.byRef(ref).orElseThrow(() -> ExternalRef.unknown(refField, "client"));
        }
        if (id == null) {
            throw ProblemException.invalidField(idField, "is required (or " + refField + ")");
        }
        return id;
    }

    private static ProblemException unknownClient(String idField) {
        return ProblemException.invalidField(
                idField, "names no client of this tenant (a client created a moment ago is known here within seconds)");
    }

    /**
     * The deal's owner: a manager opens and keeps deals only for themselves; others name an active manager.
     * {@code readRow} is the roster's row of the manager {@code read}, read already (empty: none on the roster).
     */
    private UUID owner(
            CallerScope scope, UUID id, ExternalRef ref, UUID read, Optional<RosterReplica.Manager> readRow) {
        UUID named = namedOwner(scope, id, ref);
        if (named == null) {
            throw ProblemException.invalidField("managerId", "is required (or managerRef)");
        }
        String field = ref != null ? "managerRef" : "managerId";
        if (named.equals(read)) {
            RosterReplica.requireActive(readRow, field);
        } else {
            roster.requireActiveManager(named, field);
        }
        return named;
    }

    /**
     * The manager a body names (by id or reference), the caller themselves for a manager; for a team lead, a manager
     * of their teams (or themselves when none is named); null when none.
     */
    private UUID namedOwner(CallerScope scope, UUID id, ExternalRef ref) {
        UUID named = roster.resolve(id, ref, "managerRef");
        if (!scope.isWholeTenant()) {
            if (named != null && !scope.includes(named)) {
                throw ProblemException.invalidField(
                        ref != null ? "managerRef" : "managerId",
                        scope.leadsATeam()
                                ? "a team lead gives deals only to the managers of their teams"
                                : "a manager opens deals only for themselves");
            }
            return named != null ? named : scope.own();
        }
        return named;
    }

    private Pipeline pipeline(UUID id, ExternalRef ref) {
        ExternalRef.notBoth(id, ref, "pipelineRef");
        if (ref != null) {
            return pipelines.findByRef(ref).orElseThrow(() -> ExternalRef.unknown("pipelineRef", "pipeline"));
        }
        if (id == null) {
            return pipelineService.defaultPipeline();
        }
        return pipelines
                .findByIdOptional(id)
                .orElseThrow(() -> ProblemException.invalidField("pipelineId", "is not a pipeline of this tenant"));
    }

    private void rollbackOnly() {
        try {
            transactions.setRollbackOnly();
        } catch (jakarta.transaction.SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public Optional<Deal> find(UUID id, CallerScope scope) {
        return deals.findVisible(id, scope);
    }

    public record DealPage(List<Deal> items, int page, int size, long total) {}

    /**
     * Counts first, then reads the page: each statement sees the rows committed when it starts (read committed), and
     * deals only ever appear, so the page holds every deal the total counted. The other order let a deal committed
     * between the two reads show as {@code total 1} with no item (seen in SalesFlowIT).
     */
    @Transactional
    public DealPage list(DealRepository.Filter filter, int page, int size) {
        long total = deals.count(filter);
        return new DealPage(deals.list(filter, page, size), page, size, total);
    }

    /** As {@link #list(DealRepository.Filter, int, int)}, in the order asked for. */
    @Transactional
    public DealPage list(DealRepository.Filter filter, SortOrder order, int page, int size) {
        long total = deals.count(filter);
        return new DealPage(deals.list(filter, order, page, size), page, size, total);
    }

    private List<DealLineItem> lines(List<LineSpec> specs, String dealCurrency, Set<UUID> alreadyOnDeal) {
        List<DealLineItem> result = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LineSpec spec = specs.get(i);
            String field = "lines[" + i + "]";
            ExternalRef.notBoth(spec.productId(), spec.productRef(), field + ".productRef");
            Product product;
            if (spec.productRef() != null) {
                product = products.findByRef(spec.productRef())
                        .orElseThrow(() -> ExternalRef.unknown(field + ".productRef", "product"));
            } else if (spec.productId() == null) {
                throw ProblemException.invalidField(field + ".productId", "is required (or productRef)");
            } else {
                product = products.findByIdOptional(spec.productId())
                        .orElseThrow(() ->
                                ProblemException.invalidField(field + ".productId", "is not a product of this tenant"));
            }
            String productField = field + (spec.productRef() != null ? ".productRef" : ".productId");
            if (!product.active && !alreadyOnDeal.contains(product.id)) {
                throw ProblemException.invalidField(productField, "is deactivated and cannot go on a new line");
            }
            BigDecimal price = spec.unitPrice();
            if (price == null) {
                if (!product.currency.equals(dealCurrency)) {
                    throw ProblemException.invalidField(
                            field + ".unitPrice",
                            "is required: the product's list price is in " + product.currency + ", the deal in "
                                    + dealCurrency);
                }
                price = product.listPrice;
            }
            DealLineItem line = new DealLineItem();
            line.productId = product.id;
            line.productName = product.name;
            line.category = product.category;
            line.quantity = spec.quantity();
            line.unitPrice = price;
            line.discountPercent = spec.discountPercent() == null ? BigDecimal.ZERO : spec.discountPercent();
            result.add(line);
        }
        return result;
    }

    /** With lines, the amount is their sum (an amount sent must match it); without lines, the amount is required. */
    private static BigDecimal amountOf(List<DealLineItem> lines, BigDecimal asked) {
        if (lines.isEmpty()) {
            if (asked == null) {
                throw ProblemException.invalidField("amount", "is required when the deal has no lines");
            }
            return asked;
        }
        BigDecimal sum = lines.stream().map(DealLineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (asked != null && asked.compareTo(sum) != 0) {
            throw ProblemException.invalidField(
                    "amount", "must equal the sum of the lines (" + sum.toPlainString() + ")");
        }
        return sum;
    }

    private static boolean sameTerms(DealTerms a, DealTerms b) {
        return a.amount().compareTo(b.amount()) == 0
                && a.currency().equals(b.currency())
                && a.lines().equals(b.lines())
                && java.util.Objects.equals(a.expectedCloseDate(), b.expectedCloseDate());
    }

    private static void checkVersion(Deal deal, long expected) {
        if (deal.version != expected) {
            throw ProblemException.conflict("Deal " + deal.id + " is at version " + deal.version + ", not " + expected
                    + ": read it again and retry");
        }
    }

    private static void requireOpen(Deal deal, String action) {
        if (deal.status != Deal.Status.OPEN) {
            throw ProblemException.conflict(
                    "Deal " + deal.id + " is " + deal.status + ": cannot " + action + " it (reopen it first)");
        }
        if (deal.archivedAt != null) {
            throw ProblemException.conflict(
                    "Deal " + deal.id + " is archived: cannot " + action + " it (restore it first)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
