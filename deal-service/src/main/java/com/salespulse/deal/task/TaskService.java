package com.salespulse.deal.task;

import com.salespulse.contract.deal.TaskCancelled;
import com.salespulse.contract.deal.TaskCompleted;
import com.salespulse.contract.deal.TaskCreated;
import com.salespulse.contract.deal.TaskReassigned;
import com.salespulse.contract.deal.TaskRescheduled;
import com.salespulse.deal.Deal;
import com.salespulse.deal.DealRepository;
import com.salespulse.deal.lead.KnownLeads;
import com.salespulse.deal.roster.RosterReplica;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.problem.time.BusinessTime;
import com.salespulse.security.ActingScope;
import com.salespulse.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tasks on lead and deal cards. The events make "forgotten" (a card with no open task) and "overdue" (an open task
 * past due) derivable at any moment: every open, due-time change and close is an event.
 */
@ApplicationScoped
public class TaskService {

    private final ActingScope acting;
    private final TaskRepository tasks;
    private final DealRepository deals;
    private final RosterReplica roster;
    private final KnownLeads leads;
    private final Outbox outbox;
    private final BusinessTime time;
    private final TransactionManager transactions;

    public TaskService(
            ActingScope acting,
            TaskRepository tasks,
            DealRepository deals,
            RosterReplica roster,
            KnownLeads leads,
            Outbox outbox,
            Clock clock,
            TransactionManager transactions) {
        this.acting = acting;
        this.time = new BusinessTime(clock);
        this.transactions = transactions;
        this.tasks = tasks;
        this.deals = deals;
        this.roster = roster;
        this.leads = leads;
        this.outbox = outbox;
    }

    /**
     * A new task: its card by id or reference (a deal's, or a lead's as lead-service sent it), its assignee by id or
     * reference, its own reference, and when it was set ({@code occurredAt}; null: now).
     */
    public record NewTask(
            Task.CardType cardType,
            UUID cardId,
            ExternalRef cardRef,
            Task.Type type,
            String title,
            UUID assigneeId,
            ExternalRef assigneeRef,
            Instant dueAt,
            ExternalRef ref,
            Instant occurredAt) {}

    /**
     * Sets a task on a card. A deal card must be a deal the caller may see; a lead card a lead of the tenant (as
     * deal-service learns them from lead-service's events; the lead's owner is lead-service's business). The
     * assignee is a manager of the tenant's roster who is not dismissed (a manager sets tasks only for themselves).
     * Not before the card began: the deal's opening, the lead's intake when deal-service knows it. A reference
     * another task has answers 409: {@link #upsert} is the create-or-update.
     */
    @Transactional
    public Task create(CallerScope scope, NewTask input) {
        if (input.ref() != null && tasks.findByRef(input.ref()).isPresent()) {
            throw ProblemException.conflict(
                    "A task with the reference " + input.ref().externalSystem() + "/"
                            + input.ref().externalId() + " exists already: PUT /api/v1/tasks/by-ref/"
                            + input.ref().externalSystem() + "/" + input.ref().externalId() + " updates it");
        }
        return create(scope, input, time.of(input.occurredAt()));
    }

    private Task create(CallerScope scope, NewTask input, Instant at) {
        // a manager's own scope first: a manager sets tasks only for themselves
        UUID assignee = assignee(scope, input.assigneeId(), input.assigneeRef());
        UUID cardId = card(scope, input, at);
        if (assignee == null) {
            throw ProblemException.invalidField("assigneeId", "is required (or assigneeRef)");
        }
        roster.requireActiveManager(assignee, input.assigneeRef() != null ? "assigneeRef" : "assigneeId");
        Task task = new Task();
        task.id = UUID.randomUUID();
        task.cardType = input.cardType();
        task.cardId = cardId;
        task.type = input.type();
        task.title = input.title().trim();
        task.assigneeId = assignee;
        task.dueAt = input.dueAt();
        task.status = Task.Status.OPEN;
        task.createdAt = at;
        task.lastChangeAt = at;
        task.recordedAt = time.now();
        if (input.ref() != null) {
            task.externalSystem = input.ref().externalSystem();
            task.externalId = input.ref().externalId();
        }
        tasks.persist(task);
        outbox.emit(new TaskCreated(
                task.id,
                task.cardType.name(),
                task.cardId,
                task.type.name(),
                task.title,
                task.assigneeId,
                task.dueAt,
                task.createdAt,
                task.externalSystem,
                task.externalId));
        return task;
    }

    /** The card a new task names, by id or reference; not before it began. */
    private UUID card(CallerScope scope, NewTask input, Instant at) {
        ExternalRef.notBoth(input.cardId(), input.cardRef(), "cardRef");
        String field = input.cardRef() != null ? "cardRef" : "cardId";
        if (input.cardId() == null && input.cardRef() == null) {
            throw ProblemException.invalidField("cardId", "is required (or cardRef)");
        }
        if (input.cardType() == Task.CardType.DEAL) {
            Optional<Deal> deal = input.cardRef() != null
                    ? deals.findByRef(input.cardRef()).filter(d -> scope.includes(d.managerId))
                    : deals.findVisible(input.cardId(), scope);
            if (deal.isEmpty()) {
                throw input.cardRef() != null
                        ? ExternalRef.unknown("cardRef", "deal the caller may see")
                        : ProblemException.invalidField("cardId", "is not a deal the caller may see");
            }
            BusinessTime.notBefore(at, deal.get().openedAt, "the deal was opened");
            return deal.get().id;
        }
        UUID leadId = input.cardRef() != null
                ? leads.byRef(input.cardRef()).orElseThrow(() -> ExternalRef.unknown("cardRef", "lead"))
                : input.cardId();
        leads.require(leadId, field);
        leads.takenInAt(leadId).ifPresent(takenIn -> BusinessTime.notBefore(at, takenIn, "the lead came in"));
        return leadId;
    }

    /** The assignee a body names (by id or reference), the caller themselves for a manager; null when none. */
    private UUID assignee(CallerScope scope, UUID id, ExternalRef ref) {
        UUID named = roster.resolve(id, ref, "assigneeRef");
        if (!scope.isWholeTenant()) {
            if (named != null && !scope.includes(named)) {
                throw ProblemException.invalidField(
                        ref != null ? "assigneeRef" : "assigneeId",
                        scope.leadsATeam()
                                ? "a team lead sets tasks only for the managers of their teams"
                                : "a manager sets tasks only for themselves");
            }
            return named != null ? named : scope.own();
        }
        return named;
    }

    /** The state a task sent by reference is to be in: the create body, OPEN/DONE/CANCELLED, outcome or reason. */
    public record TaskState(NewTask task, Task.Status status, String outcome, String reason) {}

    public record Upserted(Task task, boolean created) {}

    /**
     * Creates the task with this reference in the state sent, or brings the existing one to it with the events
     * the single operations emit (reassigned, rescheduled, completed, cancelled), each at the state's business
     * time. The same state twice emits nothing. A done or cancelled task does not reopen (409). A dry run rolls
     * back.
     */
    @Transactional
    public Upserted upsert(CallerScope scope, TaskState state, boolean dryRun) {
        NewTask input = state.task();
        Instant at = time.of(input.occurredAt());
        Task.Status target = state.status() == null ? Task.Status.OPEN : state.status();
        if (target == Task.Status.DONE
                && (state.outcome() == null || state.outcome().isBlank())) {
            throw ProblemException.invalidField("outcome", "is required for a DONE task");
        }
        Optional<Task> existing = tasks.findByRef(input.ref());
        if (existing.isPresent() && !scope.includes(existing.get().assigneeId)) {
            throw ProblemException.notFound(
                    "Task " + input.ref().externalSystem() + "/" + input.ref().externalId());
        }
        Upserted result;
        if (existing.isEmpty()) {
            Task task = create(scope, input, at);
            close(task, target, state, at);
            result = new Upserted(task, true);
        } else {
            Task task = existing.get();
            UUID cardId = card(scope, input, task.createdAt);
            if (!cardId.equals(task.cardId) || input.cardType() != task.cardType) {
                throw ProblemException.invalidField(
                        input.cardRef() != null ? "cardRef" : "cardId",
                        "cannot change: the task is on " + task.cardType + " " + task.cardId);
            }
            UUID named = assignee(scope, input.assigneeId(), input.assigneeRef());
            UUID assignee = named == null ? task.assigneeId : named;
            boolean reassign = !assignee.equals(task.assigneeId);
            boolean reschedule = !input.dueAt().equals(task.dueAt);
            boolean closing = target != task.status;
            if (reassign || reschedule || closing) {
                BusinessTime.notBefore(at, task.createdAt, "the task was created");
                BusinessTime.notStale(at, task.lastChangeAt, "task " + task.id);
                if (task.status != Task.Status.OPEN) {
                    throw ProblemException.conflict(
                            "Task " + task.id + " is " + task.status + ": a closed task does not change");
                }
                if (reassign) {
                    roster.requireActiveManager(assignee, input.assigneeRef() != null ? "assigneeRef" : "assigneeId");
                    move(task, assignee, null, null, at);
                }
                if (reschedule) {
                    doReschedule(task, input.dueAt(), null, at);
                }
                close(task, target, state, at);
            }
            result = new Upserted(task, false);
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

    private void close(Task task, Task.Status target, TaskState state, Instant at) {
        if (target == Task.Status.DONE) {
            doComplete(task, state.outcome(), at);
        } else if (target == Task.Status.CANCELLED) {
            doCancel(task, state.reason(), at);
        }
    }

    @Transactional
    public Optional<Task> findByRef(ExternalRef ref, CallerScope scope) {
        return tasks.findByRef(ref).filter(t -> scope.includes(t.assigneeId));
    }

    @Transactional
    public Optional<Task> reschedule(UUID id, CallerScope scope, Instant dueAt, String reason, Instant occurredAt) {
        return tasks.findVisible(id, scope).map(task -> {
            requireOpen(task);
            if (task.dueAt.equals(dueAt)) {
                throw ProblemException.invalidField("dueAt", "is the task's due time already");
            }
            doReschedule(task, dueAt, reason, changeTime(task, occurredAt));
            return task;
        });
    }

    private void doReschedule(Task task, Instant dueAt, String reason, Instant at) {
        Instant before = task.dueAt;
        task.dueAt = dueAt;
        task.rescheduleCount++;
        task.lastChangeAt = at;
        outbox.emit(new TaskRescheduled(
                task.id,
                task.cardType.name(),
                task.cardId,
                task.assigneeId,
                before,
                dueAt,
                task.rescheduleCount,
                blankToNull(reason),
                at,
                task.externalSystem,
                task.externalId));
    }

    @Transactional
    public Optional<Task> complete(UUID id, CallerScope scope, String outcome, Instant occurredAt) {
        return tasks.findVisible(id, scope).map(task -> {
            requireOpen(task);
            doComplete(task, outcome, changeTime(task, occurredAt));
            return task;
        });
    }

    private void doComplete(Task task, String outcome, Instant at) {
        task.status = Task.Status.DONE;
        task.outcome = outcome.trim();
        task.closedAt = at;
        task.lastChangeAt = at;
        outbox.emit(new TaskCompleted(
                task.id,
                task.cardType.name(),
                task.cardId,
                task.assigneeId,
                task.outcome,
                task.dueAt,
                task.closedAt,
                task.externalSystem,
                task.externalId));
    }

    @Transactional
    public Optional<Task> cancel(UUID id, CallerScope scope, String reason, Instant occurredAt) {
        return tasks.findVisible(id, scope).map(task -> {
            requireOpen(task);
            doCancel(task, reason, changeTime(task, occurredAt));
            return task;
        });
    }

    private void doCancel(Task task, String reason, Instant at) {
        task.status = Task.Status.CANCELLED;
        task.closedAt = at;
        task.lastChangeAt = at;
        outbox.emit(new TaskCancelled(
                task.id,
                task.cardType.name(),
                task.cardId,
                task.assigneeId,
                blankToNull(reason),
                task.closedAt,
                task.externalSystem,
                task.externalId));
    }

    /**
     * A card transfer ({@code transferId}) gives an open task to another manager at the transfer's business time
     * {@code at}, or at the task's last change when that is later (a card's history never goes back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reassign(Task task, UUID toAssigneeId, String reason, UUID transferId, Instant at) {
        move(task, toAssigneeId, reason, transferId, task.lastChangeAt.isAfter(at) ? task.lastChangeAt : at);
    }

    private void move(Task task, UUID toAssigneeId, String reason, UUID transferId, Instant at) {
        UUID from = task.assigneeId;
        task.assigneeId = toAssigneeId;
        task.lastChangeAt = at;
        outbox.emit(new TaskReassigned(
                task.id,
                task.cardType.name(),
                task.cardId,
                from,
                toAssigneeId,
                blankToNull(reason),
                transferId,
                at,
                task.externalSystem,
                task.externalId));
    }

    /** A change's business time: not in the future, not before the task was set (400), not stale (409). */
    private Instant changeTime(Task task, Instant occurredAt) {
        Instant at = time.of(occurredAt);
        BusinessTime.notBefore(at, task.createdAt, "the task was created");
        BusinessTime.notStale(at, task.lastChangeAt, "task " + task.id);
        return at;
    }

    @Transactional
    public Optional<Task> find(UUID id, CallerScope scope) {
        return tasks.findVisible(id, scope);
    }

    public record TaskPage(List<Task> items, int page, int size, long total) {}

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
