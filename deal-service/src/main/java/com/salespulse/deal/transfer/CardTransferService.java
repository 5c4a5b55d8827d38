package com.salespulse.deal.transfer;

import com.salespulse.contract.deal.DealCardsTransferred;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.deal.Deal;
import com.salespulse.deal.DealRepository;
import com.salespulse.deal.DealService;
import com.salespulse.deal.task.Task;
import com.salespulse.deal.task.TaskRepository;
import com.salespulse.deal.task.TaskService;
import com.salespulse.messaging.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Follows a card transfer started in lead-service: the from-manager's open deals are handed out over the receivers
 * in turn, oldest first; an open task on a moved deal follows its deal to the deal's new manager, and every other
 * open task of the from-manager (on leads, or on deals someone else owns) continues the same rotation, oldest first.
 * Each moved card gets one reassignment event with the transfer id, at the transfer's business time (its startedAt:
 * a dismissal's occurredAt) or at the card's last change when that is later; then one {@code DealCardsTransferred}
 * reports the whole of it, completedAt the latest of those times. All in one transaction: either every card moves
 * or none does.
 */
@ApplicationScoped
public class CardTransferService {

    static final String DEAL = "DEAL";
    static final String TASK = "TASK";

    private final EntityManager em;
    private final DealRepository deals;
    private final DealService dealService;
    private final TaskRepository tasks;
    private final TaskService taskService;
    private final Outbox outbox;
    private final Clock clock;

    public CardTransferService(
            EntityManager em,
            DealRepository deals,
            DealService dealService,
            TaskRepository tasks,
            TaskService taskService,
            Outbox outbox,
            Clock clock) {
        this.em = em;
        this.deals = deals;
        this.dealService = dealService;
        this.tasks = tasks;
        this.taskService = taskService;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void follow(CardTransferStarted started) {
        CardTransfer known = em.find(CardTransfer.class, started.transferId());
        if (known != null) {
            // the same transfer re-sent under another event id: it was done once, move nothing again; a retry by the
            // head of sales (lead-service never heard the answer) gets the same answer once more
            if (started.retry()) {
                answer(known);
            }
            return;
        }
        CardTransfer transfer = new CardTransfer();
        transfer.id = started.transferId();
        transfer.fromManagerId = started.fromManagerId();
        List<UUID> receivers = started.toManagerIds() == null
                ? List.of()
                : started.toManagerIds().stream()
                        .filter(id -> !id.equals(started.fromManagerId()))
                        .distinct()
                        .toList();
        transfer.toManagerIds = receivers.stream().map(UUID::toString).collect(Collectors.joining(","));
        transfer.mode = started.mode();
        transfer.reason = started.reason();
        transfer.startedAt = started.startedAt();
        String reason = started.reason() == null ? "card transfer" : started.reason();
        // the transfer's business time (a dismissal's occurredAt); each card moves at it or at its later last change
        Instant at = started.startedAt() != null ? started.startedAt() : clock.instant();
        Instant done = at;

        int turn = 0;
        Map<UUID, UUID> dealOwners = new HashMap<>();
        for (Deal deal : deals.openDealsOf(started.fromManagerId())) {
            if (receivers.isEmpty()) {
                transfer.items.add(
                        CardTransferItem.failed(DEAL, deal.id, "no receiving manager other than the from-manager"));
                continue;
            }
            UUID to = receivers.get(turn++ % receivers.size());
            dealService.reassign(deal, to, reason, transfer.id, at);
            done = deal.lastChangeAt.isAfter(done) ? deal.lastChangeAt : done;
            dealOwners.put(deal.id, to);
            transfer.items.add(CardTransferItem.moved(DEAL, deal.id, to));
        }
        for (Task task : tasks.openTasksOf(started.fromManagerId())) {
            UUID to = task.cardType == Task.CardType.DEAL ? dealOwners.get(task.cardId) : null;
            if (to == null) {
                if (receivers.isEmpty()) {
                    transfer.items.add(
                            CardTransferItem.failed(TASK, task.id, "no receiving manager other than the from-manager"));
                    continue;
                }
                to = receivers.get(turn++ % receivers.size());
            }
            taskService.reassign(task, to, reason, transfer.id, at);
            done = task.lastChangeAt.isAfter(done) ? task.lastChangeAt : done;
            transfer.items.add(CardTransferItem.moved(TASK, task.id, to));
        }
        transfer.completedAt = done;
        em.persist(transfer);
        answer(transfer);
    }

    /** Reports what the transfer did: the cards moved and those that could not be. */
    private void answer(CardTransfer transfer) {
        outbox.emit(new DealCardsTransferred(
                transfer.id,
                transfer.fromManagerId,
                transfer.items.stream()
                        .filter(i -> i.failure == null)
                        .map(i -> new DealCardsTransferred.MovedCard(i.cardType, i.cardId, i.toManagerId))
                        .toList(),
                transfer.items.stream()
                        .filter(i -> i.failure != null)
                        .map(i -> new DealCardsTransferred.FailedCard(i.cardType, i.cardId, i.failure))
                        .toList(),
                transfer.completedAt));
    }

    @Transactional
    public Optional<CardTransfer> find(UUID id) {
        return Optional.ofNullable(em.find(CardTransfer.class, id));
    }
}
