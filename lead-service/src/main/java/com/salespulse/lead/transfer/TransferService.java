package com.salespulse.lead.transfer;

import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.contract.roster.CardTransferCompleted;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.LeadCardsTransferred;
import com.salespulse.lead.Lead;
import com.salespulse.lead.LeadAssignments;
import com.salespulse.lead.LeadRepository;
import com.salespulse.lead.roster.CardHandover;
import com.salespulse.lead.roster.Manager;
import com.salespulse.lead.roster.ManagerRepository;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs card transfers: moves the leads now (round robin over the receivers, oldest lead first, the same rule
 * deal-service applies to deals and tasks), records every card, and completes the transfer when deal-service
 * reports its part.
 */
@ApplicationScoped
public class TransferService implements CardHandover {

    private static final Logger LOG = Logger.getLogger(TransferService.class);

    private final CardTransferRepository transfers;
    private final LeadRepository leads;
    private final ManagerRepository managers;
    private final LeadAssignments assignments;
    private final Outbox outbox;
    private final Clock clock;

    public TransferService(
            CardTransferRepository transfers,
            LeadRepository leads,
            ManagerRepository managers,
            LeadAssignments assignments,
            Outbox outbox,
            Clock clock) {
        this.clock = clock;
        this.transfers = transfers;
        this.leads = leads;
        this.managers = managers;
        this.assignments = assignments;
        this.outbox = outbox;
    }

    /**
     * Receivers must already be checked (present, not dismissed, not the giver). {@code at} is the transfer's business
     * time: a dismissal's {@code occurredAt}, else now. card-transfer-started carries it as startedAt, deal-service
     * moves the deals and tasks at it too; each lead moves at it, or at its own last change when that is later (a
     * card's history never goes back), and lead-cards-transferred's completedAt is the latest of those.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CardTransfer start(
            UUID transferId,
            UUID fromManagerId,
            List<UUID> receivers,
            CardTransfer.Mode mode,
            String reason,
            Instant at) {
        CardTransfer transfer = new CardTransfer();
        transfer.id = transferId;
        transfer.fromManagerId = fromManagerId;
        transfer.mode = mode;
        transfer.reason = reason;
        transfer.status = CardTransfer.Status.IN_PROGRESS;
        transfer.toManagerIds = new ArrayList<>(receivers);
        transfer.startedAt = at;
        transfer.requestedAt = clock.instant();
        transfers.persist(transfer);
        outbox.emit(new CardTransferStarted(transferId, fromManagerId, receivers, mode.name(), reason, at));

        List<LeadCardsTransferred.MovedLead> moved = new ArrayList<>();
        List<Lead> open = leads.openOf(fromManagerId);
        Instant done = at;
        for (int i = 0; i < open.size(); i++) {
            Lead lead = open.get(i);
            Manager to = managers.findById(receivers.get(i % receivers.size()));
            Instant movedAt = lead.lastChangedAt != null && lead.lastChangedAt.isAfter(at) ? lead.lastChangedAt : at;
            done = movedAt.isAfter(done) ? movedAt : done;
            assignments.assign(
                    lead,
                    to,
                    LeadAssignments.Mode.TRANSFER,
                    LeadAssignments.Trigger.TRANSFER,
                    reason,
                    transferId,
                    movedAt);
            transfers.persistItem(CardTransferItem.moved(transferId, CardTransferItem.CardType.LEAD, lead.id, to.id));
            moved.add(new LeadCardsTransferred.MovedLead(lead.id, to.id));
        }
        // in one transaction with the dismissal a lead cannot fail to move; the list is there for the contract's sake
        transfer.leadsCompletedAt = done;
        outbox.emit(new LeadCardsTransferred(transferId, fromManagerId, moved, List.of(), transfer.leadsCompletedAt));
        return transfer;
    }

    /**
     * Records deal-service's part and completes the transfer. Called once per event (the caller checks the inbox);
     * a report for an unknown or already completed transfer changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dealPartDone(EventMetadata metadata, DealCardsTransferred report) {
        Optional<CardTransfer> found = transfers.findByIdOptional(report.transferId());
        if (found.isEmpty()) {
            LOG.warnf(
                    "deal-service reported transfer %s, which tenant %s does not know",
                    report.transferId(), metadata.tenant());
            return;
        }
        CardTransfer transfer = found.get();
        if (transfer.dealsCompletedAt != null) {
            return;
        }
        for (DealCardsTransferred.MovedCard card : report.moved()) {
            transfers.persistItem(
                    CardTransferItem.moved(transfer.id, cardType(card.cardType()), card.cardId(), card.toManagerId()));
        }
        for (DealCardsTransferred.FailedCard card : report.failed()) {
            transfers.persistItem(
                    CardTransferItem.failed(transfer.id, cardType(card.cardType()), card.cardId(), card.reason()));
        }
        transfer.dealsCompletedAt = report.completedAt();
        transfer.completedAt =
                transfer.leadsCompletedAt != null && transfer.leadsCompletedAt.isAfter(report.completedAt())
                        ? transfer.leadsCompletedAt
                        : report.completedAt();
        List<CardTransferItem> items = transfers.itemsOf(transfer.id);
        boolean anyFailed = items.stream().anyMatch(i -> i.outcome == CardTransferItem.Outcome.FAILED);
        transfer.status = anyFailed ? CardTransfer.Status.COMPLETED_WITH_FAILURES : CardTransfer.Status.COMPLETED;
        outbox.emit(new CardTransferCompleted(
                transfer.id,
                transfer.fromManagerId,
                transfer.status.name(),
                count(items, CardTransferItem.CardType.LEAD, CardTransferItem.Outcome.MOVED),
                count(items, CardTransferItem.CardType.LEAD, CardTransferItem.Outcome.FAILED),
                count(items, CardTransferItem.CardType.DEAL, CardTransferItem.Outcome.MOVED),
                count(items, CardTransferItem.CardType.DEAL, CardTransferItem.Outcome.FAILED),
                count(items, CardTransferItem.CardType.TASK, CardTransferItem.Outcome.MOVED),
                count(items, CardTransferItem.CardType.TASK, CardTransferItem.Outcome.FAILED),
                transfer.startedAt,
                transfer.completedAt));
    }

    /**
     * Times out this tenant's transfers whose deal part was asked for longer than {@code timeout} ago and has not
     * been reported: status TIMED_OUT with the reason. The leads stay where they moved.
     *
     * @return how many timed out
     */
    @Transactional
    public int timeOut(Duration timeout) {
        Instant now = clock.instant();
        List<CardTransfer> waiting = transfers.waitingSince(now.minus(timeout));
        for (CardTransfer transfer : waiting) {
            transfer.status = CardTransfer.Status.TIMED_OUT;
            transfer.timedOutAt = now;
            transfer.statusReason = "deal-service did not report its part (deals and tasks) within " + timeout
                    + " of the request sent at " + transfer.requestedAt + " (attempt " + transfer.attempts
                    + "); the head of sales may retry";
            LOG.warnf("Card transfer %s timed out waiting for deal-service's part", transfer.id);
        }
        return waiting.size();
    }

    /**
     * Sends a timed-out transfer's request to deal-service again, with the same transfer id and the next attempt
     * number (deal-service moves nothing twice and answers with what it did). 409 unless the transfer timed out.
     */
    @Transactional
    public CardTransfer retry(UUID id) {
        CardTransfer transfer =
                transfers.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Transfer " + id));
        if (transfer.status != CardTransfer.Status.TIMED_OUT) {
            throw ProblemException.conflict(
                    "Transfer " + id + " is " + transfer.status + "; only a TIMED_OUT transfer is retried");
        }
        transfer.status = CardTransfer.Status.IN_PROGRESS;
        transfer.attempts++;
        transfer.requestedAt = clock.instant();
        transfer.timedOutAt = null;
        transfer.statusReason = null;
        outbox.emit(new CardTransferStarted(
                transfer.id,
                transfer.fromManagerId,
                List.copyOf(transfer.toManagerIds),
                transfer.mode.name(),
                transfer.reason,
                transfer.startedAt,
                transfer.attempts));
        return transfer;
    }

    @Transactional
    public Optional<CardTransfer> find(UUID id) {
        return transfers.findByIdOptional(id);
    }

    @Transactional
    public List<CardTransferItem> items(UUID id) {
        return transfers.itemsOf(id);
    }

    @Transactional
    public List<CardTransfer> ofManager(UUID managerId) {
        return transfers.ofManager(managerId);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void handOver(
            UUID transferId, UUID fromManagerId, List<UUID> receivers, boolean named, String reason, Instant at) {
        start(
                transferId,
                fromManagerId,
                receivers,
                named ? CardTransfer.Mode.NAMED : CardTransfer.Mode.RULE,
                reason,
                at);
    }

    @Override
    @Transactional
    public Optional<UUID> handedOverAt(UUID managerId, Instant at) {
        return startedAt(managerId, at).map(t -> t.id);
    }

    /** The transfer of this manager's cards started at {@code at}: the one their dismissal started, if any. */
    @Transactional
    public Optional<CardTransfer> startedAt(UUID managerId, Instant at) {
        return transfers.ofManager(managerId).stream()
                .filter(t -> at.equals(t.startedAt))
                .findFirst();
    }

    private static CardTransferItem.CardType cardType(String type) {
        // deal-service names DEAL or TASK; anything else is kept as a deal-side card rather than dropped
        return "TASK".equals(type) ? CardTransferItem.CardType.TASK : CardTransferItem.CardType.DEAL;
    }

    private static int count(
            List<CardTransferItem> items, CardTransferItem.CardType type, CardTransferItem.Outcome outcome) {
        return (int) items.stream()
                .filter(i -> i.cardType == type && i.outcome == outcome)
                .count();
    }
}
