package com.salespulse.deal.deal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealReopened;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealUpdated;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.deal.Decimals;
import com.salespulse.deal.currency.CurrencyService;
import com.salespulse.deal.pipeline.Pipeline;
import com.salespulse.deal.pipeline.PipelineRepository;
import com.salespulse.deal.pipeline.PipelineService;
import com.salespulse.deal.pipeline.Stage;
import com.salespulse.deal.product.Product;
import com.salespulse.deal.product.ProductRepository;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;

/**
 * Deals from opening to won or lost. Every change is stored with exactly one event in the same transaction, carrying
 * before and after where it is a change and the probabilities in force at that moment.
 */
@ApplicationScoped
public class DealService {

    private final DealRepository deals;
    private final PipelineService pipelineService;
    private final PipelineRepository pipelines;
    private final ProductRepository products;
    private final LossReasonService lossReasons;
    private final RosterReplica roster;
    private final CurrencyService currency;
    private final Outbox outbox;
    private final Clock clock;
    private final String fallbackCurrency;

    public DealService(DealRepository deals, PipelineService pipelineService, PipelineRepository pipelines,
            ProductRepository products, LossReasonService lossReasons, RosterReplica roster, CurrencyService currency,
            Outbox outbox, Clock clock, @ConfigProperty(name = "salespulse.deal.fallback-currency", defaultValue = "RUB") String fallbackCurrency) {
        this.deals = deals;
        this.pipelineService = pipelineService;
        this.pipelines = pipelines;
        this.products = products;
        this.lossReasons = lossReasons;
        this.roster = roster;
        this.currency = currency;
        this.outbox = outbox;
        this.clock = clock;
        this.fallbackCurrency = fallbackCurrency;
    }

    /** A product line as asked for; a missing unit price takes the product's list price (same currency only). */
    public record LineSpec(UUID productId, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
    }

    /** What opening a deal over the API needs, already validated field by field. */
    public record NewDeal(UUID clientId, String clientName, UUID managerId, UUID pipelineId, UUID stageId,
            BigDecimal amount, String currency, List<LineSpec> lines, LocalDate expectedCloseDate, String source,
            UUID referredByClientId, String externalRef) {
    }

    /**
     * Opens the deal of a converted lead, exactly once per lead: a second event for the same lead (redelivered, or
     * re-sent with another id) finds the deal and opens nothing.
     *
     * @return the new deal, or empty when the lead already has one
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Deal> openFromConversion(String tenant, String actor, LeadConverted converted) {
        if (deals.findByLead(converted.leadId()).isPresent()) {
            return Optional.empty();
        }
        Pipeline pipeline = Optional.ofNullable(converted.pipelineId()).flatMap(pipelines::findByIdOptional)
                .orElseGet(() -> pipelineService.defaultPipeline(tenant, actor));
        String dealCurrency = converted.currency() != null ? converted.currency()
                : currency.baseCurrency().orElse(fallbackCurrency);
        BigDecimal amount = converted.expectedAmount() == null ? BigDecimal.ZERO : converted.expectedAmount();
        Deal deal = newDeal(tenant, converted.clientId(), blankToNull(converted.clientName()), converted.managerId(), pipeline,
                pipeline.firstOpenStage(), converted.source(), converted.referredByClientId(), null);
        deal.leadId = converted.leadId();
        deal.amount = amount;
        deal.currency = dealCurrency;
        return Optional.of(persistOpened(tenant, actor, deal, pipeline));
    }

    /** Opens a deal for a client deal-service already knows (a repeat sale, or another deal of a current client). */
    @Transactional
    public Deal open(String tenant, String actor, NewDeal input) {
        if (!deals.knowsClient(input.clientId())) {
            throw ProblemException.invalidField("clientId",
                    "is not a known client; a new client's first deal is opened by converting their lead");
        }
        if (input.referredByClientId() != null && !deals.knowsClient(input.referredByClientId())) {
            throw ProblemException.invalidField("referredByClientId", "names no client of this tenant with a deal");
        }
        roster.requireActiveManager(tenant, input.managerId(), "managerId");
        Pipeline pipeline;
        if (input.pipelineId() == null) {
            pipeline = pipelineService.defaultPipeline(tenant, actor);
        } else {
            pipeline = pipelines.findByIdOptional(input.pipelineId())
                    .orElseThrow(() -> ProblemException.invalidField("pipelineId", "is not a pipeline of this tenant"));
        }
        Stage stage = pipeline.firstOpenStage();
        if (input.stageId() != null) {
            stage = pipeline.stage(input.stageId())
                    .orElseThrow(() -> ProblemException.invalidField("stageId", "is not a stage of the deal's pipeline"));
            if (stage.kind != Stage.Kind.OPEN) {
                throw ProblemException.invalidField("stageId", "a deal opens in an OPEN stage");
            }
        }
        // absent: the name on the client's latest named deal; a client whose lead came in without a name has none
        String clientName = input.clientName() != null ? input.clientName().trim()
                : deals.latestClientName(input.clientId()).orElse(null);
        Deal deal = newDeal(tenant, input.clientId(), clientName, input.managerId(), pipeline, stage, input.source(),
                input.referredByClientId(), input.externalRef());
        deal.currency = input.currency();
        deal.lines = lines(input.lines(), input.currency(), Set.of());
        deal.amount = amountOf(deal.lines, input.amount());
        deal.expectedCloseDate = input.expectedCloseDate();
        return persistOpened(tenant, actor, deal, pipeline);
    }

    private Deal newDeal(String tenant, UUID clientId, String clientName, UUID managerId, Pipeline pipeline, Stage stage,
            String source, UUID referredBy, String externalRef) {
        Deal deal = new Deal();
        deal.id = UUID.randomUUID();
        deal.tenantId = tenant;
        deal.clientId = clientId;
        deal.clientName = clientName;
        deal.managerId = managerId;
        deal.pipelineId = pipeline.id;
        deal.stageId = stage.id;
        deal.status = Deal.Status.OPEN;
        deal.source = source;
        deal.referredByClientId = referredBy;
        deal.externalRef = externalRef;
        deal.repeatSale = deals.hasWonDeal(clientId);
        deal.openedAt = clock.instant();
        return deal;
    }

    private Deal persistOpened(String tenant, String actor, Deal deal, Pipeline pipeline) {
        deals.persist(deal);
        Stage stage = pipeline.stage(deal.stageId).orElseThrow();
        outbox.emit(tenant, actor, new DealOpened(deal.id, deal.clientId, deal.clientName, deal.managerId,
                deal.pipelineId, deal.stageId, stage.probability, deal.terms(), deal.source, deal.referredByClientId,
                deal.repeatSale, deal.leadId, deal.externalRef, deal.openedAt));
        return deal;
    }

    /** New terms; a null field keeps its value. */
    public record TermsChange(long expectedVersion, BigDecimal amount, String currency, List<LineSpec> lines,
            LocalDate expectedCloseDate, String reason) {
    }

    /** Changes amount, currency, lines or expected close date of an open deal; emits {@code DealUpdated}. */
    @Transactional
    public Optional<Deal> update(String tenant, String actor, UUID id, Optional<UUID> scope, TermsChange change) {
        return deals.findVisible(id, scope).map(deal -> {
            checkVersion(deal, change.expectedVersion());
            requireOpen(deal, "change");
            DealTerms before = deal.terms();
            String newCurrency = change.currency() != null ? change.currency() : deal.currency;
            if (change.lines() != null) {
                Set<UUID> already = deal.lines.stream().map(l -> l.productId).collect(Collectors.toSet());
                deal.lines.clear();
                deal.lines.addAll(lines(change.lines(), newCurrency, already));
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
                deals.flush();
                outbox.emit(tenant, actor, new DealUpdated(deal.id, deal.managerId, before, after,
                        blankToNull(change.reason()), clock.instant()));
            }
            return deal;
        });
    }

    /** Moves an open deal to another open stage of its own pipeline. */
    @Transactional
    public Optional<Deal> moveStage(String tenant, String actor, UUID id, Optional<UUID> scope, UUID stageId, String reason) {
        return deals.findVisible(id, scope).map(deal -> {
            requireOpen(deal, "move");
            Pipeline pipeline = pipelines.findById(deal.pipelineId);
            Stage to = pipeline.stage(stageId).orElseThrow(() -> ProblemException.invalidField("stageId",
                    "is not a stage of the deal's pipeline '" + pipeline.name + "'"));
            if (to.kind != Stage.Kind.OPEN) {
                throw ProblemException.invalidField("stageId", "is a " + to.kind + " stage: win or lose the deal instead");
            }
            if (to.id.equals(deal.stageId)) {
                throw ProblemException.conflict("The deal is already in stage '" + to.name + "'");
            }
            Stage from = pipeline.stage(deal.stageId).orElseThrow();
            deal.stageId = to.id;
            outbox.emit(tenant, actor, new DealStageMoved(deal.id, deal.managerId, deal.pipelineId, from.id,
                    from.probability, to.id, to.probability, blankToNull(reason), clock.instant()));
            return deal;
        });
    }

    /** Wins an open deal; a deal already won (or lost) answers 409. */
    @Transactional
    public Optional<Deal> win(String tenant, String actor, UUID id, Optional<UUID> scope, BigDecimal finalAmount) {
        return deals.findVisible(id, scope).map(deal -> {
            requireOpen(deal, "win");
            Pipeline pipeline = pipelines.findById(deal.pipelineId);
            UUID from = deal.stageId;
            if (finalAmount != null) {
                deal.amount = finalAmount;
            }
            deal.stageId = pipeline.closingStage(Stage.Kind.WON).id;
            deal.status = Deal.Status.WON;
            deal.closedAt = clock.instant();
            outbox.emit(tenant, actor, new DealWon(deal.id, deal.clientId, deal.managerId, deal.pipelineId, from,
                    deal.stageId, Decimals.plain(deal.amount), deal.currency, deal.terms().lines(), deal.repeatSale,
                    deal.referredByClientId, deal.openedAt, deal.closedAt));
            return deal;
        });
    }

    /** Loses an open deal with a reason from the tenant's catalogue. */
    @Transactional
    public Optional<Deal> lose(String tenant, String actor, UUID id, Optional<UUID> scope, String reasonCode, String comment) {
        return deals.findVisible(id, scope).map(deal -> {
            requireOpen(deal, "lose");
            LossReason reason = lossReasons.byCode(tenant, actor, reasonCode).orElseThrow(() -> ProblemException
                    .invalidField("reasonCode", "is not in the tenant's catalogue of loss reasons (GET /api/v1/loss-reasons)"));
            Pipeline pipeline = pipelines.findById(deal.pipelineId);
            UUID from = deal.stageId;
            deal.stageId = pipeline.closingStage(Stage.Kind.LOST).id;
            deal.status = Deal.Status.LOST;
            deal.lostReasonCode = reason.code;
            deal.closedAt = clock.instant();
            outbox.emit(tenant, actor, new DealLost(deal.id, deal.clientId, deal.managerId, deal.pipelineId, from,
                    deal.stageId, reason.code, reason.kind.name(), blankToNull(comment), Decimals.plain(deal.amount), deal.currency,
                    deal.closedAt));
            return deal;
        });
    }

    /** Reopens a won or lost deal into an open stage (the first one unless named). */
    @Transactional
    public Optional<Deal> reopen(String tenant, String actor, UUID id, Optional<UUID> scope, UUID stageId, String reason) {
        return deals.findVisible(id, scope).map(deal -> {
            if (deal.status == Deal.Status.OPEN) {
                throw ProblemException.conflict("Deal " + id + " is open already");
            }
            Pipeline pipeline = pipelines.findById(deal.pipelineId);
            Stage to = stageId == null ? pipeline.firstOpenStage() : pipeline.stage(stageId)
                    .filter(s -> s.kind == Stage.Kind.OPEN)
                    .orElseThrow(() -> ProblemException.invalidField("stageId", "is not an OPEN stage of the deal's pipeline"));
            String statusBefore = deal.status.name();
            UUID from = deal.stageId;
            deal.status = Deal.Status.OPEN;
            deal.stageId = to.id;
            deal.closedAt = null;
            deal.lostReasonCode = null;
            outbox.emit(tenant, actor, new DealReopened(deal.id, deal.managerId, statusBefore, from, to.id,
                    to.probability, blankToNull(reason), clock.instant()));
            return deal;
        });
    }

    /** Gives a deal to another manager; {@code transferId} when a card transfer does it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reassign(String tenant, String actor, Deal deal, UUID toManagerId, String reason, UUID transferId) {
        UUID from = deal.managerId;
        deal.managerId = toManagerId;
        outbox.emit(tenant, actor, new DealReassigned(deal.id, from, toManagerId, blankToNull(reason), transferId,
                clock.instant()));
    }

    /** By hand (head of sales): gives an open deal to another manager. */
    @Transactional
    public Optional<Deal> reassign(String tenant, String actor, UUID id, UUID toManagerId, String reason) {
        return deals.findVisible(id, Optional.empty()).map(deal -> {
            roster.requireActiveManager(tenant, toManagerId, "managerId");
            requireOpen(deal, "reassign");
            if (deal.managerId.equals(toManagerId)) {
                throw ProblemException.invalidField("managerId", "already owns the deal");
            }
            reassign(tenant, actor, deal, toManagerId, reason, null);
            return deal;
        });
    }

    @Transactional
    public Optional<Deal> find(UUID id, Optional<UUID> scope) {
        return deals.findVisible(id, scope);
    }

    public record DealPage(List<Deal> items, int page, int size, long total) {
    }

    @Transactional
    public DealPage list(DealRepository.Filter filter, int page, int size) {
        return new DealPage(deals.list(filter, page, size), page, size, deals.count(filter));
    }

    private List<DealLineItem> lines(List<LineSpec> specs, String dealCurrency, Set<UUID> alreadyOnDeal) {
        List<DealLineItem> result = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LineSpec spec = specs.get(i);
            String field = "lines[" + i + "]";
            Product product = products.findByIdOptional(spec.productId())
                    .orElseThrow(() -> ProblemException.invalidField(field + ".productId", "is not a product of this tenant"));
            if (!product.active && !alreadyOnDeal.contains(product.id)) {
                throw ProblemException.invalidField(field + ".productId", "is deactivated and cannot go on a new line");
            }
            BigDecimal price = spec.unitPrice();
            if (price == null) {
                if (!product.currency.equals(dealCurrency)) {
                    throw ProblemException.invalidField(field + ".unitPrice",
                            "is required: the product's list price is in " + product.currency + ", the deal in " + dealCurrency);
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
            throw ProblemException.invalidField("amount", "must equal the sum of the lines (" + sum.toPlainString() + ")");
        }
        return sum;
    }

    private static boolean sameTerms(DealTerms a, DealTerms b) {
        return a.amount().compareTo(b.amount()) == 0 && a.currency().equals(b.currency()) && a.lines().equals(b.lines())
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
            throw ProblemException.conflict("Deal " + deal.id + " is " + deal.status + ": cannot " + action
                    + " it (reopen it first)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
