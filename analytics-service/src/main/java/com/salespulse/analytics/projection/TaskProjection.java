package com.salespulse.analytics.projection;

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

    private static final String CREATED = """
            insert into task_fact (gen, tenant_id, task_id, card_type, card_id, assignee_id, title, due_at, status,
                created_at, external_system, external_id)
            select gen, tenant_id, task_id, card_type, card_id, assignee_id, title, due_at, 'OPEN', created_at,
                external_system, external_id
            from unnest(?::int[], ?::text[], ?::uuid[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::timestamptz[],
                    ?::timestamptz[], ?::text[], ?::text[])
                v(gen, tenant_id, task_id, card_type, card_id, assignee_id, title, due_at, created_at, external_system,
                  external_id)
            on conflict do nothing""";

    private static final String RESCHEDULED = """
            update task_fact t set due_at = v.due_at, changed_at = v.changed_at
            from unnest(?::int[], ?::text[], ?::uuid[], ?::timestamptz[], ?::timestamptz[])
                v(gen, tenant_id, task_id, due_at, changed_at)
            where t.gen = v.gen and t.tenant_id = v.tenant_id and t.task_id = v.task_id""";

    private static final String CLOSED = """
            update task_fact t set status = v.status, closed_at = v.closed_at
            from unnest(?::int[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[])
                v(gen, tenant_id, task_id, status, closed_at)
            where t.gen = v.gen and t.tenant_id = v.tenant_id and t.task_id = v.task_id""";

    private static final String REASSIGNED = """
            update task_fact t set assignee_id = v.assignee_id, changed_at = v.changed_at
            from unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::timestamptz[])
                v(gen, tenant_id, task_id, assignee_id, changed_at)
            where t.gen = v.gen and t.tenant_id = v.tenant_id and t.task_id = v.task_id""";

    @Transactional(Transactional.TxType.MANDATORY)
    public void created(Applying at, TaskCreated e) {
        at.writes()
                .run(
                        List.of(e.taskId()),
                        CREATED,
                        at.gen(),
                        at.tenant(),
                        e.taskId(),
                        e.cardType(),
                        e.cardId(),
                        e.assigneeId(),
                        e.title(),
                        e.dueAt(),
                        e.createdAt(),
                        e.externalSystem(),
                        e.externalId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rescheduled(Applying at, TaskRescheduled e) {
        at.writes()
                .run(
                        List.of(e.taskId()),
                        RESCHEDULED,
                        at.gen(),
                        at.tenant(),
                        e.taskId(),
                        e.dueAfter(),
                        e.rescheduledAt());
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
                        REASSIGNED,
                        at.gen(),
                        at.tenant(),
                        e.taskId(),
                        e.toAssigneeId(),
                        e.reassignedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void activity(Applying at, ActivityLogged e) {
        touches.touch(at, e.cardType(), e.cardId(), e.occurredAt());
    }

    private void close(Applying at, UUID taskId, String status, Instant when) {
        at.writes().run(List.of(taskId), CLOSED, at.gen(), at.tenant(), taskId, status, when);
    }
}
