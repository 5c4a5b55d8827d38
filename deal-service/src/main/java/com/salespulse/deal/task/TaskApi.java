package com.salespulse.deal.task;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of the task API. */
public final class TaskApi {

    private TaskApi() {
    }

    @Schema(name = "CreateTaskRequest", description = "A task on a lead or a deal card.")
    public record Create(
            @Schema(description = "LEAD or DEAL.", required = true) @NotNull Task.CardType cardType,
            @Schema(description = "The lead's or deal's id: a deal the caller may see, or a lead of the tenant (learnt "
                    + "from lead-service's events, so a lead taken in a moment ago may be refused for a few seconds).",
                    required = true) @NotNull UUID cardId,
            @Schema(description = "CALL, MEETING, EMAIL or OTHER.", required = true) @NotNull Task.Type type,
            @Schema(description = "What is to be done.", example = "Call back about the offer", required = true)
            @NotBlank @Size(max = 500) String title,
            @Schema(description = "Who must do it: a manager of the tenant's roster who is not dismissed (deal-service "
                    + "learns the roster from lead-service's events, so a manager hired a moment ago may be refused for "
                    + "a few seconds). A manager sets tasks only for themselves and may leave it out.") UUID assigneeId,
            @Schema(description = "When it is due (UTC).", example = "2026-11-30T10:00:00Z", required = true) @NotNull Instant dueAt) {
    }

    @Schema(name = "RescheduleTaskRequest", description = "A new due time.")
    public record Reschedule(
            @Schema(description = "The new due time (UTC).", required = true) @NotNull Instant dueAt,
            @Schema(description = "Why it moves.") @Size(max = 500) String reason) {
    }

    @Schema(name = "CompleteTaskRequest", description = "What came of the task.")
    public record Complete(
            @Schema(description = "The outcome.", example = "Client agreed to a demo", required = true)
            @NotBlank(message = "an outcome is required") @Size(max = 2000) String outcome) {
    }

    @Schema(name = "CancelTaskRequest", description = "Why the task is cancelled.")
    public record Cancel(@Schema(description = "Why.") @Size(max = 500) String reason) {
    }

    @Schema(name = "Task", description = "A task as the API shows it.")
    public record Response(
            @Schema(description = "The task's id.") UUID id,
            @Schema(description = "LEAD or DEAL.") Task.CardType cardType,
            @Schema(description = "The lead's or deal's id.") UUID cardId,
            @Schema(description = "CALL, MEETING, EMAIL or OTHER.") Task.Type type,
            @Schema(description = "What is to be done.") String title,
            @Schema(description = "Who must do it.") UUID assigneeId,
            @Schema(description = "When it is due (UTC).") Instant dueAt,
            @Schema(description = "OPEN, DONE or CANCELLED.") Task.Status status,
            @Schema(description = "True when open and past due.") boolean overdue,
            @Schema(description = "How often the due time was pushed.") int rescheduleCount,
            @Schema(description = "What came of it, once done.") String outcome,
            @Schema(description = "When it was set (UTC).") Instant createdAt,
            @Schema(description = "When it was done or cancelled (UTC).") Instant closedAt) {

        static Response of(Task t, Instant now) {
            return new Response(t.id, t.cardType, t.cardId, t.type, t.title, t.assigneeId, t.dueAt, t.status,
                    t.status == Task.Status.OPEN && t.dueAt.isBefore(now), t.rescheduleCount, t.outcome, t.createdAt,
                    t.closedAt);
        }
    }

    @Schema(name = "TaskPage", description = "One page of tasks, soonest due first.")
    public record Page(
            @Schema(description = "The tasks on this page.") List<Response> items,
            @Schema(description = "The page number, from 0.") int page,
            @Schema(description = "The page size.") int size,
            @Schema(description = "How many tasks match in all.") long total) {
    }
}
