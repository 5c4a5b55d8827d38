package com.salespulse.analytics;

import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventType;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.StageDefinition;
import com.salespulse.contract.roster.LeadCardsTransferred;
import com.salespulse.contract.roster.ManagerHired;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic (seeded) ten-month history of one sales team, as the suite's events with their business times: two
 * teams of three managers on three shifts, a manager who changes teams and one dismissed with a transfer of their
 * open cards; leads from four sources, some rejected with a reason, some unreached, half converted; deals moving
 * through three stages, won with product lines (repeat clients, referrals) or lost for a reason; a task per deal
 * (some left overdue), calls and discounts, monthly plans, and a chain of client merges.
 * <p>
 * The same seed gives the same events, ids and times. The history also keeps the facts a test works its expected
 * figures out from ({@link #leads}, {@link #deals}, {@link #survivor}), and can be put in three orders: time order, reversed by
 * entity and shuffled across entities ({@link #inTimeOrder}, {@link #reversedByEntity}, {@link #shuffled}); each
 * entity's own events (one Kafka key: a lead, a deal, a task, a manager...) stay in their order in all three.
 */
final class SalesHistory {

    static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-05");
    /** "Now" of the history: nothing happens after it; the metrics are asked at it. */
    static final Instant NOW = Instant.parse("2026-11-03T09:00:00Z");

    static final UUID PIPELINE = id("pipeline");
    static final UUID QUALIFICATION = id("stage-qualification");
    static final UUID PROPOSAL = id("stage-proposal");
    static final UUID NEGOTIATION = id("stage-negotiation");
    static final UUID WON = id("stage-won");
    static final UUID LOST = id("stage-lost");
    static final UUID TEAM_1 = id("team-1");
    static final UUID TEAM_2 = id("team-2");

    /** An event with its business time; {@code seq} keeps the generation order among equal times. */
    record Event(Instant at, long seq, DomainEvent data) {

        String key() {
            return EventType.of(data).topic() + "/" + data.aggregateId();
        }
    }

    /** A lead as generated: what the lead-inflow and rejected-leads figures count. */
    record Lead(UUID id, String source, UUID managerId, Instant createdAt, String rejectionReason) {}

    /** A deal as generated: what the deal metrics count. */
    static final class Deal {
        final UUID id;
        final UUID clientId;
        final UUID managerId;
        final Instant openedAt;
        Instant closedAt;
        boolean won;
        boolean repeatFlag;
        BigDecimal amount;

        Deal(UUID id, UUID clientId, UUID managerId, Instant openedAt) {
            this.id = id;
            this.clientId = clientId;
            this.managerId = managerId;
            this.openedAt = openedAt;
        }
    }

    private record Manager(UUID id, String name, UUID team, String shiftStart, String shiftEnd) {}

    private record Product(UUID id, String name, String category, BigDecimal price) {}

    private static final String[] SOURCES = {"website", "website", "website", "call", "call", "referral", "partner"};
    private static final String[] REJECTIONS = {
        "junk", "duplicate", "not_target", "no_budget", "unreachable", "competitor"
    };
    private static final String[][] LOSSES = {
        {"price", "PRICE"}, {"competitor", "COMPETITOR"}, {"too_pushy", "PRESSURE"}
    };

    final List<Lead> leads = new ArrayList<>();
    final List<Deal> deals = new ArrayList<>();
    /** Merged client → the client it finally became one with. */
    final Map<UUID, UUID> survivor = new HashMap<>();

    final List<UUID> managers = new ArrayList<>();
    /** The external id ("L12", "D7", "T7"; system "amocrm") of each lead, deal and task sent by reference. */
    final Map<UUID, String> references = new HashMap<>();

    UUID dismissed;
    UUID movedTeams;

    private final List<Event> events = new ArrayList<>();
    private final Random random;
    private long seq;

    private SalesHistory(long seed) {
        this.random = new Random(seed);
    }

    static SalesHistory generate(long seed) {
        SalesHistory history = new SalesHistory(seed);
        history.build();
        return history;
    }

    List<Event> inTimeOrder() {
        return events.stream()
                .sorted(Comparator.comparing(Event::at).thenComparing(Event::seq))
                .toList();
    }

    /** The entities (Kafka keys) in reverse order of their first event, each with its own events in order. */
    List<Event> reversedByEntity() {
        List<List<Event>> entities = new ArrayList<>(byEntity().values());
        java.util.Collections.reverse(entities);
        return entities.stream().flatMap(List::stream).toList();
    }

    /** The entities interleaved at random ({@code seed}), each with its own events in order. */
    List<Event> shuffled(long seed) {
        Random shuffle = new Random(seed);
        List<Deque<Event>> queues = new ArrayList<>(
                byEntity().values().stream().map(ArrayDeque::new).toList());
        List<Event> out = new ArrayList<>(events.size());
        while (!queues.isEmpty()) {
            int i = shuffle.nextInt(queues.size());
            out.add(queues.get(i).removeFirst());
            if (queues.get(i).isEmpty()) {
                queues.set(i, queues.get(queues.size() - 1));
                queues.remove(queues.size() - 1);
            }
        }
        return out;
    }

    private Map<String, List<Event>> byEntity() {
        Map<String, List<Event>> entities = new LinkedHashMap<>();
        inTimeOrder()
                .forEach(e -> entities.computeIfAbsent(e.key(), k -> new ArrayList<>())
                        .add(e));
        return entities;
    }

    /** A stable id from a name, the same in every run. */
    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("sales-history/" + name).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- the history

    private final List<Manager> roster = new ArrayList<>();
    private Instant teamMoveAt;
    private Instant dismissedAt;
    private UUID transferId;
    private final List<UUID> clients = new ArrayList<>();
    private final List<Product> products = List.of(
            new Product(id("product-crm"), "CRM licence", "software", new BigDecimal("12000")),
            new Product(id("product-setup"), "Setup", "services", new BigDecimal("5000")),
            new Product(id("product-training"), "Training", "services", new BigDecimal("3000")),
            new Product(id("product-support"), "Support year", "software", new BigDecimal("8000")));
    private final List<Lead> openLeadsOfDismissed = new ArrayList<>();
    private final List<UUID> openDealsOfDismissed = new ArrayList<>();

    private void build() {
        Instant setUp = FIRST_DAY.minusDays(3).atTime(9, 0).atZone(ZONE).toInstant();
        add(setUp, RosterEvents.team(TEAM_1, "North", setUp));
        add(setUp, RosterEvents.team(TEAM_2, "South", setUp));
        add(
                setUp,
                DealEvents.pipelineCreated(
                        PIPELINE,
                        List.of(
                                new StageDefinition(QUALIFICATION, "Qualification", 1, 20, "OPEN"),
                                new StageDefinition(PROPOSAL, "Proposal", 2, 50, "OPEN"),
                                new StageDefinition(NEGOTIATION, "Negotiation", 3, 80, "OPEN"),
                                new StageDefinition(WON, "Won", 4, 100, "WON"),
                                new StageDefinition(LOST, "Lost", 5, 0, "LOST")),
                        setUp));
        for (String[] loss : LOSSES) {
            add(
                    setUp,
                    DealEvents.lossReasonAdded(
                            id("loss-" + loss[0]),
                            loss[0],
                            loss[0].replace('_', ' '),
                            loss[1],
                            Map.of("en", loss[0].replace('_', ' ')),
                            setUp));
        }
        String[][] shifts = {{"09:00", "15:00"}, {"14:00", "20:00"}, {"10:00", "18:00"}};
        for (int i = 1; i <= 6; i++) {
            Manager manager = new Manager(
                    id("manager-" + i),
                    "Manager " + i,
                    i <= 3 ? TEAM_1 : TEAM_2,
                    shifts[(i - 1) % 3][0],
                    shifts[(i - 1) % 3][1]);
            roster.add(manager);
            managers.add(manager.id());
            Instant hiredAt = setUp.plusSeconds(60L * i);
            add(hiredAt, RosterEvents.hired(manager.id(), profile(manager, manager.team()), hiredAt));
        }
        // manager 3 moves from team 1 to team 2 on 1 June; manager 6 leaves on 15 September
        movedTeams = roster.get(2).id();
        teamMoveAt = LocalDate.parse("2026-06-01").atTime(8, 0).atZone(ZONE).toInstant();
        add(
                teamMoveAt,
                RosterEvents.updated(
                        movedTeams, profile(roster.get(2), TEAM_1), profile(roster.get(2), TEAM_2), 2, teamMoveAt));
        dismissed = roster.get(5).id();
        dismissedAt = LocalDate.parse("2026-09-15").atTime(10, 0).atZone(ZONE).toInstant();
        transferId = id("transfer-1");

        for (LocalDate day = FIRST_DAY; day.atStartOfDay(ZONE).toInstant().isBefore(NOW); day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            int count = weekend ? random.nextInt(2) : 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Instant createdAt = day.atTime(
                                LocalTime.of(7 + random.nextInt(15), random.nextInt(60), random.nextInt(60)))
                        .atZone(ZONE)
                        .toInstant();
                if (createdAt.isBefore(NOW)) {
                    lead(createdAt);
                }
            }
        }
        plans();
        dismissal();
        merges();
        wins();
    }

    private void lead(Instant createdAt) {
        int n = leads.size() + 1;
        UUID leadId = id("lead-" + n);
        String source = SOURCES[random.nextInt(SOURCES.length)];
        Manager manager = activeManager(createdAt);
        UUID team = teamAt(manager.id(), createdAt);
        UUID client;
        if (!clients.isEmpty() && ("referral".equals(source) ? random.nextInt(3) == 0 : random.nextInt(6) == 0)) {
            client = clients.get(random.nextInt(clients.size()));
        } else {
            client = id("client-" + (clients.size() + 1));
            clients.add(client);
        }
        String clientName = "Client " + client.toString().substring(0, 6);
        boolean byReference = random.nextInt(5) < 3;
        if (byReference) {
            references.put(leadId, "L" + n);
        }
        add(
                createdAt,
                LeadEvents.lead(
                        leadId,
                        source,
                        manager.id(),
                        team,
                        client,
                        clientName,
                        byReference ? "L" + n : null,
                        createdAt));
        Instant cutoff = manager.id().equals(dismissed) ? dismissedAt : NOW;
        int fate = random.nextInt(100);
        String rejection = null;
        boolean open = true;
        Instant inWork = createdAt.plus(Duration.ofMinutes(20 + random.nextInt(8 * 60)));
        if (fate < 25) {
            String reason = REJECTIONS[random.nextInt(REJECTIONS.length)];
            Instant at = createdAt.plus(Duration.ofMinutes(60 + random.nextInt(3 * 24 * 60)));
            Instant call = createdAt.plus(Duration.ofMinutes(10 + random.nextInt(40)));
            if ("unreachable".equals(reason) && call.isBefore(cutoff)) {
                add(call, LeadEvents.unreachedAfter(1, leadId, id("attempt-" + n), manager.id(), team, 2, call));
            }
            if (at.isBefore(cutoff)) {
                add(at, LeadEvents.statusChanged(leadId, "NEW", "REJECTED", reason, manager.id(), team, source, 3, at));
                rejection = reason;
                open = false;
            }
        } else if (fate < 35) {
            // a call on the lead, from the deal topic: a touch travelling under its own key; the lead stays new
            if (inWork.isBefore(cutoff)) {
                add(inWork, activity("lead-" + n, "LEAD", leadId, client, manager.id(), null, false, inWork));
            }
        } else if (inWork.isBefore(cutoff)) {
            add(
                    inWork,
                    LeadEvents.statusChanged(leadId, "NEW", "IN_WORK", null, manager.id(), team, source, 2, inWork));
            Instant convertedAt = inWork.plus(Duration.ofMinutes(24 * 60 + random.nextInt(4 * 24 * 60)));
            if (fate < 85 && convertedAt.isBefore(cutoff)) {
                UUID referrer = "referral".equals(source) ? clients.get(random.nextInt(clients.size())) : null;
                if (client.equals(referrer)) {
                    referrer = null;
                }
                add(
                        convertedAt,
                        LeadEvents.converted(
                                leadId, client, manager.id(), PIPELINE, source, clientName, referrer, convertedAt));
                deal(source, client, clientName, manager, referrer, convertedAt, cutoff);
                open = false;
            }
        }
        leads.add(new Lead(leadId, source, manager.id(), createdAt, rejection));
        if (open && manager.id().equals(dismissed)) {
            openLeadsOfDismissed.add(leads.get(leads.size() - 1));
        }
    }

    private void deal(
            String source,
            UUID client,
            String clientName,
            Manager manager,
            UUID referrer,
            Instant openedAt,
            Instant cutoff) {
        int n = deals.size() + 1;
        UUID dealId = id("deal-" + n);
        Deal deal = new Deal(dealId, client, manager.id(), openedAt);
        deals.add(deal);
        List<DealLine> lines = new ArrayList<>();
        for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
            Product product = products.get(random.nextInt(products.size()));
            BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(4));
            BigDecimal discount = BigDecimal.valueOf(new int[] {0, 0, 5, 10}[random.nextInt(4)]);
            BigDecimal amount = quantity.multiply(product.price())
                    .multiply(BigDecimal.ONE.subtract(discount.movePointLeft(2)))
                    .setScale(2, RoundingMode.HALF_UP);
            lines.add(new DealLine(
                    product.id(), product.name(), product.category(), quantity, product.price(), discount, amount));
        }
        BigDecimal amount = lines.stream().map(DealLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        deal.amount = amount;
        boolean byReference = random.nextBoolean();
        if (byReference) {
            references.put(dealId, "D" + n);
        }
        add(
                openedAt,
                DealEvents.dealOpened(
                        dealId,
                        client,
                        clientName,
                        manager.id(),
                        PIPELINE,
                        QUALIFICATION,
                        20,
                        new DealTerms(
                                amount,
                                "RUB",
                                lines,
                                LocalDate.ofInstant(openedAt, ZONE).plusDays(20)),
                        source,
                        referrer,
                        byReference ? "D" + n : null,
                        openedAt));

        UUID taskId = id("task-" + n);
        Instant taskAt = openedAt.plusSeconds(60);
        Instant dueAt = openedAt.plus(Duration.ofDays(2));
        boolean taskByReference = random.nextBoolean();
        if (taskByReference) {
            references.put(taskId, "T" + n);
        }
        add(
                taskAt,
                DealEvents.taskCreated(
                        taskId,
                        "DEAL",
                        dealId,
                        manager.id(),
                        "Call " + clientName,
                        dueAt,
                        taskByReference ? "T" + n : null,
                        taskAt));

        Instant at = openedAt;
        UUID stage = QUALIFICATION;
        int probability = 20;
        boolean taskDone = false;
        UUID[] next = {PROPOSAL, NEGOTIATION};
        int[] nextProbability = {50, 80};
        int moves = random.nextInt(10) < 7 ? 2 : 1;
        for (int i = 0; i < moves; i++) {
            Instant movedAt = at.plus(Duration.ofMinutes(12 * 60 + random.nextInt(6 * 24 * 60)));
            if (!movedAt.isBefore(cutoff)) {
                break;
            }
            if (!taskDone) {
                add(
                        movedAt.minusSeconds(60),
                        DealEvents.taskDone(taskId, "DEAL", dealId, manager.id(), dueAt, movedAt.minusSeconds(60)));
                taskDone = true;
            }
            Instant call = at.plus(Duration.between(at, movedAt).dividedBy(2));
            add(
                    call,
                    activity(
                            "deal-" + n + "-" + i,
                            "DEAL",
                            dealId,
                            client,
                            manager.id(),
                            random.nextInt(5) == 0 ? BigDecimal.TEN : null,
                            random.nextInt(20) == 0,
                            call));
            add(
                    movedAt,
                    DealEvents.stageMoved(
                            dealId, manager.id(), PIPELINE, stage, probability, next[i], nextProbability[i], movedAt));
            stage = next[i];
            probability = nextProbability[i];
            at = movedAt;
        }
        Instant closedAt = at.plus(Duration.ofMinutes(12 * 60 + random.nextInt(8 * 24 * 60)));
        int fate = random.nextInt(100);
        if (fate < 85 && closedAt.isBefore(cutoff)) {
            if (!taskDone) {
                add(
                        closedAt.minusSeconds(60),
                        DealEvents.taskDone(taskId, "DEAL", dealId, manager.id(), dueAt, closedAt.minusSeconds(60)));
            }
            deal.closedAt = closedAt;
            if (fate < 60) {
                deal.won = true;
                // the DealWon is written by wins(), once every client's earlier wins are known
                pendingWins.add(new PendingWin(deal, stage, referrer, lines));
            } else {
                String[] loss = LOSSES[random.nextInt(LOSSES.length)];
                add(
                        closedAt,
                        DealEvents.dealLost(
                                dealId,
                                client,
                                manager.id(),
                                PIPELINE,
                                stage,
                                LOST,
                                loss[0],
                                loss[1],
                                amount,
                                closedAt));
            }
        } else if (manager.id().equals(dismissed)) {
            openDealsOfDismissed.add(dealId);
        }
    }

    private record PendingWin(Deal deal, UUID fromStage, UUID referrer, List<DealLine> lines) {}

    private final List<PendingWin> pendingWins = new ArrayList<>();

    /**
     * The wins, each flagged a repeat sale as deal-service flags a deal imported after its client's other wins:
     * whenever the client has another win, earlier or later. The metric must not take the flag's word for it.
     */
    private void wins() {
        Map<UUID, Long> winsOf = new HashMap<>();
        pendingWins.forEach(w -> winsOf.merge(w.deal().clientId, 1L, Long::sum));
        for (PendingWin win : pendingWins) {
            Deal deal = win.deal();
            deal.repeatFlag = winsOf.get(deal.clientId) > 1;
            add(
                    deal.closedAt,
                    DealEvents.dealWon(
                            deal.id,
                            deal.clientId,
                            deal.managerId,
                            PIPELINE,
                            win.fromStage(),
                            WON,
                            deal.amount,
                            "RUB",
                            win.lines(),
                            deal.repeatFlag,
                            win.referrer(),
                            deal.openedAt,
                            deal.closedAt));
        }
    }

    /** A plan per manager and month, set on the month's first day. */
    private void plans() {
        for (LocalDate month = FIRST_DAY.withDayOfMonth(1);
                !month.isAfter(LocalDate.ofInstant(NOW, ZONE));
                month = month.plusMonths(1)) {
            Instant setAt = month.atStartOfDay(ZONE).toInstant().plusSeconds(3600);
            for (Manager manager : roster) {
                if (manager.id().equals(dismissed) && !setAt.isBefore(dismissedAt)) {
                    continue;
                }
                BigDecimal target = BigDecimal.valueOf(60_000 + 10_000L * random.nextInt(5));
                add(
                        setAt,
                        DealEvents.planSet(
                                id("plan-" + month + "-" + manager.name()),
                                month.toString().substring(0, 7),
                                manager.id(),
                                null,
                                target,
                                3,
                                setAt));
            }
        }
    }

    /**
     * Manager 6 leaves: their open leads (all but the last, which stays theirs) and open deals move to manager 5
     * by one transfer.
     */
    private void dismissal() {
        UUID to = roster.get(4).id();
        add(
                dismissedAt,
                RosterEvents.dismissed(
                        dismissed, TEAM_2, transferId, List.of(to), openLeadsOfDismissed.size(), dismissedAt));
        Instant started = dismissedAt.plusSeconds(1);
        add(started, RosterEvents.transferStarted(transferId, dismissed, List.of(to), started));
        Instant moved = dismissedAt.plusSeconds(60);
        List<LeadCardsTransferred.MovedLead> movedLeads = new ArrayList<>();
        for (int i = 0; i < openLeadsOfDismissed.size() - 1; i++) {
            Lead lead = openLeadsOfDismissed.get(i);
            add(moved, LeadEvents.transferred(lead.id(), dismissed, TEAM_2, to, TEAM_2, transferId, 5, moved));
            movedLeads.add(new LeadCardsTransferred.MovedLead(lead.id(), to));
        }
        List<DealCardsTransferred.MovedCard> movedDeals = new ArrayList<>();
        for (UUID deal : openDealsOfDismissed) {
            add(moved, DealEvents.dealTransferred(deal, dismissed, to, transferId, moved));
            movedDeals.add(new DealCardsTransferred.MovedCard("DEAL", deal, to));
        }
        Instant done = moved.plusSeconds(60);
        add(
                done,
                RosterEvents.leadCardsTransferred(
                        transferId,
                        dismissed,
                        movedLeads,
                        openLeadsOfDismissed.isEmpty()
                                ? List.of()
                                : List.of(new LeadCardsTransferred.FailedLead(
                                        openLeadsOfDismissed
                                                .get(openLeadsOfDismissed.size() - 1)
                                                .id(),
                                        "kept by the head")),
                        done));
        add(done, DealEvents.dealCardsTransferred(transferId, dismissed, movedDeals, done));
    }

    /**
     * Client 2 is merged into client 3 on 1 July, and client 3 into client 5 on 1 August: a chain whose merges
     * have different keys (their survivors), so they may be applied in either order.
     */
    private void merges() {
        UUID first = clients.get(1);
        UUID middle = clients.get(2);
        UUID last = clients.get(4);
        Instant july = LocalDate.parse("2026-07-01").atTime(12, 0).atZone(ZONE).toInstant();
        Instant august =
                LocalDate.parse("2026-08-01").atTime(12, 0).atZone(ZONE).toInstant();
        add(july, LeadEvents.clientsMerged(middle, first, "same company", july));
        add(august, LeadEvents.clientsMerged(last, middle, "same company", august));
        survivor.put(first, last);
        survivor.put(middle, last);
    }

    UUID survivorOf(UUID client) {
        return survivor.getOrDefault(client, client);
    }

    // ---------------------------------------------------------------- helpers

    private Manager activeManager(Instant at) {
        List<Manager> active = roster.stream()
                .filter(m -> !m.id().equals(dismissed) || at.isBefore(dismissedAt))
                .toList();
        return active.get(random.nextInt(active.size()));
    }

    UUID teamAt(UUID manager, Instant at) {
        if (manager.equals(movedTeams)) {
            return at.isBefore(teamMoveAt) ? TEAM_1 : TEAM_2;
        }
        return roster.stream()
                .filter(m -> m.id().equals(manager))
                .findFirst()
                .orElseThrow()
                .team();
    }

    private ActivityLogged activity(
            String name,
            String cardType,
            UUID cardId,
            UUID client,
            UUID manager,
            BigDecimal discount,
            boolean doNotContact,
            Instant at) {
        return DealEvents.callLogged(
                id("activity-" + name), cardType, cardId, client, manager, 120, discount, doNotContact, at);
    }

    private static ManagerHired.ManagerProfile profile(Manager manager, UUID team) {
        return RosterEvents.profile(
                manager.name(),
                team,
                RosterEvents.shifts(manager.shiftStart(), manager.shiftEnd(), RosterEvents.MONDAY_TO_FRIDAY));
    }

    private void add(Instant at, DomainEvent data) {
        if (at.isAfter(NOW)) {
            throw new IllegalStateException("an event after the history's now: " + data);
        }
        events.add(new Event(at, seq++, data));
    }
}
