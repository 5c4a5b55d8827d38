package com.salespulse.deal.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.salespulse.contract.deal.TaskCancelled;
import com.salespulse.contract.deal.TaskCompleted;
import com.salespulse.contract.deal.TaskCreated;
import com.salespulse.contract.deal.TaskReassigned;
import com.salespulse.contract.deal.TaskRescheduled;
import com.salespulse.deal.deal.DealRepository;
import com.salespulse.deal.lead.KnownLeads;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;

/**
 * Tasks on lead and deal cards. The events make "forgotten" (a card with no open task) and "overdue" (an open task
 * past due) derivable at any moment: every open, due-time change and close is an event.
 */
@ApplicationScoped
public class TaskService {

    private final TaskRepository tasks;
    private final DealRepository deals;
    private final RosterReplica roster;
    private final KnownLeads leads;
    private final Outbox outbox;
    private final Clock clock;

    public TaskService(TaskRepository tasks, DealRepository deals, RosterReplica roster, KnownLeads leads,
            Outbox outbox, Clock clock) {
        this.tasks = tasks;
        this.deals = deals;
        this.roster = roster;
        this.leads = leads;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NewTask(Task.CardType cardType, UUID cardId, Task.Type type, String title, UUID assigneeId,
            Instant dueAt) {
    }

    /**
     * Sets a task on a card. A deal card must be a deal the caller may see; a lead card a lead of the tenant (as
     * deal-service learns them from lead-service's events; the lead's owner is lead-service's business). The assignee is a manager of the tenant's roster who is not
     * dismissed.
     */
    @Transactional
    public Task create(String tenant, String actor, Optional<UUID> scope, NewTask input) {
        if (input.cardType() == Task.CardType.DEAL && deals.findVisible(input.cardId(), scope).isEmpty()) {
            throw ProblemException.invalidField("cardId", "is not a deal the caller may see");
        }
        if (input.cardType() == Task.CardType.LEAD) {
            leads.require(tenant, input.cardId(), "cardId");
        }
        roster.requireActiveManager(tenant, input.assigneeId(), "assigneeId");
        Task task = new Task();
        task.id = UUID.randomUUID();
        task.tenantId = tenant;
        task.cardType = input.cardType();
        task.cardId = input.cardId();
        task.type = input.type();
        task.title = input.title().trim();
        task.assigneeId = input.assigneeId();
        task.dueAt = input.dueAt();
        task.status = Task.Status.OPEN;
        task.createdAt = clock.instant();
        tasks.persist(task);
        outbox.emit(tenant, actor, new TaskCreated(task.id, task.cardType.name(), task.cardId, task.type.name(),
                task.title, task.assigneeId, task.dueAt, task.createdAt));
        return task;
    }

    @Transactional
    public Optional<Task> reschedule(String tenant, String actor, UUID id, Optional<UUID> scope, Instant dueAt, String reason) {
        return tasks.findVisible(id, scope).map(task -> {
            requireOpen(task);
            if (task.dueAt.equals(dueAt)) {
                throw ProblemException.invalidField("dueAt", "is the task's due time already");
            }
            Instant before = task.dueAt;
            task.dueAt = dueAt;
            task.rescheduleCount++;
            outbox.emit(tenant, actor, new TaskRescheduled(task.id, task.cardType.name(), task.cardId, task.assigneeId,
                    before, dueAt, task.rescheduleCount, blankToNull(reason), clock.instant()));
            return task;
        });
    }

    @Transactional
    public Optional<Task> complete(String tenant, String actor, UUID id, Optional<UUID> scope, String outcome) {
        return tasks.findVisible(id, scope).map(task -> {
            requireOpen(task);
            task.status = Task.Status.DONE;
            task.outcome = outcome.trim();
            task.closedAt = clock.instant();
            outbox.emit(tenant, actor, new TaskCompleted(task.id, task.cardType.name(), task.cardId, task.assigneeId,
                    task.outcome, task.dueAt, task.closedAt));
            return task;
        });
    }

    @Transactional
    public Optional<Task> cancel(String tenant, String actor, UUID id, Optional<UUID> scope, String reason) {
        return tasks.findVisible(id, scope).map(task -> {
            requireOpen(task);
            task.status = Task.Status.CANCELLED;
            task.closedAt = clock.instant();
            outbox.emit(tenant, actor, new TaskCancelled(task.id, task.cardType.name(), task.cardId, task.assigneeId,
                    blankToNull(reason), task.closedAt));
            return task;
        });
    }

    /** Gives an open task to another manager; {@code transferId} when a card transfer does it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reassign(String tenant, String actor, Task task, UUID toAssigneeId, String reason, UUID transferId) {
        UUID from = task.assigneeId;
        task.assigneeId = toAssigneeId;
        outbox.emit(tenant, actor, new TaskReassigned(task.id, task.cardType.name(), task.cardId, from, toAssigneeId,
                blankToNull(reason), transferId, clock.instant()));
    }

    @Transactional
    public Optional<Task> find(UUID id, Optional<UUID> scope) {
        return tasks.findVisible(id, scope);
    }

    public record TaskPage(List<Task> items, int page, int size, long total) {
    }

    @Transactional
    public TaskPage list(TaskRepository.Filter filter, int page, int size) {
        return new TaskPage(tasks.list(filter, page, size), page, size, tasks.count(filter));
    }

    private static void requireOpen(Task task) {
        if (task.status != Task.Status.OPEN) {
            throw ProblemException.conflict("Task " + task.id + " is " + task.status + " already");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
