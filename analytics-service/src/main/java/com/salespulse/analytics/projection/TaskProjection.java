package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.text;

import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.TaskCancelled;
import com.salespulse.contract.deal.TaskCompleted;
import com.salespulse.contract.deal.TaskCreated;
import com.salespulse.contract.deal.TaskReassigned;
import com.salespulse.contract.deal.TaskRescheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Tasks on cards (open, done, cancelled; due when) and the touches that make a card "worked": a completed task or a
 * logged activity moves the card's last touch forward.
 */
@ApplicationScoped
public class TaskProjection {

    private final CardTouches touches;

    public TaskProjection(CardTouches touches) {
        this.touches = touches;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void created(Applying at, TaskCreated e) {
        at.writes()
                .run(
                        List.of(e.taskId()),
                        """
                insert into task_fact (gen, tenant_id, task_id, card_type, card_id, assignee_id, title, due_at, status,
                    created_at, external_system, external_id)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'OPEN', ?9, ?10, ?11) on conflict do nothing""",
                        at.gen(),
                        at.tenant(),
                        e.taskId(),
                        e.cardType(),
                        e.cardId(),
                        e.assigneeId(),
                        e.title(),
                        e.dueAt(),
                        e.createdAt(),
                        text(e.externalSystem()),
                        text(e.externalId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rescheduled(Applying at, TaskRescheduled e) {
        at.writes()
                .run(
                        List.of(e.taskId()),
                        "update task_fact set due_at = ?4 where gen = ?1 and tenant_id = ?2 and task_id = ?3",
                        at.gen(),
                        at.tenant(),
                        e.taskId(),
                        e.dueAfter());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void completed(Applying at, TaskCompleted e) {
        close(at, e.taskId(), "DONE", e.completedAt());
        touches.touch(at, e.cardType(), e.cardId(), e.completedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelled(Applying at, TaskCancelled e) {
        close(at, e.taskId(), "CANCELLED", e.cancelledAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reassigned(Applying at, TaskReassigned e) {
        at.writes()
                .run(
                        List.of(e.taskId()),
                        "update task_fact set assignee_id = ?4 where gen = ?1 and tenant_id = ?2 and task_id = ?3",
                        at.gen(),
                        at.tenant(),
                        e.taskId(),
                        e.toAssigneeId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void activity(Applying at, ActivityLogged e) {
        touches.touch(at, e.cardType(), e.cardId(), e.occurredAt());
    }

    private void close(Applying at, UUID taskId, String status, Instant when) {
        at.writes()
                .run(
                        List.of(taskId),
                        "update task_fact set status = ?4, closed_at = ?5 where gen = ?1 and tenant_id = ?2 and task_id = ?3",
                        at.gen(),
                        at.tenant(),
                        taskId,
                        status,
                        when);
    }
}
