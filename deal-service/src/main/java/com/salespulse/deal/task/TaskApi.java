package com.salespulse.deal.task;

import com.salespulse.problem.ref.ExternalRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of the task API. */
public final class TaskApi {

    private TaskApi() {}

    static final String OCCURRED_AT = "When it happened (business time, ISO-8601 with offset); absent means now. Not "
            + "later than now + 60 s, not before the card began (the deal's opening, the lead's intake) or the task "
            + "was set (400), not before the task's last recorded change (409 stale-change).";

    @Schema(name = "CreateTaskRequest", description = "A task on a lead or a deal card.")
    public record NewTask(
            @Schema(description = "LEAD or DEAL.", required = true) @NotNull
            Task.CardType cardType,

            @Schema(
                    description = "The lead's or deal's id: a deal the caller may see, or a lead of the tenant (learnt "
                            + "from lead-service's events, so a lead taken in a moment ago may be refused for a few seconds). "
                            + "Required unless cardRef.")
            UUID cardId,

            @Schema(description = "Instead of cardId: the deal or lead by its reference in the tenant's own system.")
            @Valid
            ExternalRef cardRef,

            @Schema(description = "CALL, MEETING, EMAIL or OTHER.", required = true) @NotNull
            Task.Type type,

            @Schema(description = "What is to be done.", example = "Call back about the offer", required = true)
            @NotBlank
            @Size(max = 500)
            String title,

            @Schema(
                    description = "Who must do it: a manager of the tenant's roster who is not dismissed (deal-service "
                            + "learns the roster from lead-service's events, so a manager hired a moment ago may be refused for "
                            + "a few seconds). A manager sets tasks only for themselves and may leave it out.")
            UUID assigneeId,

            @Schema(description = "Instead of assigneeId: the manager by their reference.") @Valid
            ExternalRef assigneeRef,

            @Schema(description = "When it is due (UTC).", example = "2026-11-30T10:00:00Z", required = true) @NotNull
            Instant dueAt,

            @Schema(
                    description = "The task's reference system, lower case (e.g. amocrm); with externalId, unique per "
                            + "tenant.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The task's id in that system.", example = "77012")
            @Size(max = 100)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String externalId,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {

        TaskService.NewTask newTask(ExternalRef ref) {
            return new TaskService.NewTask(
                    cardType, cardId, cardRef, type, title, assigneeId, assigneeRef, dueAt, ref, occurredAt);
        }
    }

    @Schema(
            name = "TaskStateRequest",
            description = "The state a task sent by reference is to be in: the create body, "
                    + "its status (OPEN, DONE with an outcome, CANCELLED) and when.")
    public record State(
            @Schema(description = "LEAD or DEAL.", required = true) @NotNull
            Task.CardType cardType,

            @Schema(
                    description = "The lead's or deal's id: a deal the caller may see, or a lead of the tenant (learnt "
                            + "from lead-service's events, so a lead taken in a moment ago may be refused for a few seconds). "
                            + "Required unless cardRef.")
            UUID cardId,

            @Schema(description = "Instead of cardId: the deal or lead by its reference in the tenant's own system.")
            @Valid
            ExternalRef cardRef,

            @Schema(description = "CALL, MEETING, EMAIL or OTHER.", required = true) @NotNull
            Task.Type type,

            @Schema(description = "What is to be done.", example = "Call back about the offer", required = true)
            @NotBlank
            @Size(max = 500)
            String title,

            @Schema(
                    description = "Who must do it: a manager of the tenant's roster who is not dismissed (deal-service "
                            + "learns the roster from lead-service's events, so a manager hired a moment ago may be refused for "
                            + "a few seconds). A manager sets tasks only for themselves and may leave it out.")
            UUID assigneeId,

            @Schema(description = "Instead of assigneeId: the manager by their reference.") @Valid
            ExternalRef assigneeRef,

            @Schema(description = "When it is due (UTC).", example = "2026-11-30T10:00:00Z", required = true) @NotNull
            Instant dueAt,

            @Schema(
                    description = "The task's reference system, lower case (e.g. amocrm); with externalId, unique per "
                            + "tenant.",
                    example = "amocrm")
            @Size(max = 40)
            @Pattern(regexp = ExternalRef.SYSTEM_PATTERN, message = ExternalRef.SYSTEM_MESSAGE)
            String externalSystem,

            @Schema(description = "The task's id in that system.", example = "77012")
            @Size(max = 100)
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String externalId,

            @Schema(description = "OPEN (the default), DONE or CANCELLED; a done or cancelled task does not reopen.")
            Task.Status status,

            @Schema(description = "For DONE: what came of it (required then).") @Size(max = 2000)
            String outcome,

            @Schema(description = "For CANCELLED: why.") @Size(max = 500)
            String reason,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {

        TaskService.TaskState state(ExternalRef ref) {
            ref.mustMatchBody(externalSystem, externalId);
            return new TaskService.TaskState(
                    new TaskService.NewTask(
                            cardType, cardId, cardRef, type, title, assigneeId, assigneeRef, dueAt, ref, occurredAt),
                    status,
                    outcome,
                    reason);
        }
    }

    @Schema(name = "RescheduleTaskRequest", description = "A new due time.")
    public record Reschedule(
            @Schema(description = "The new due time (UTC).", required = true) @NotNull
            Instant dueAt,

            @Schema(description = "Why it moves.") @Size(max = 500)
            String reason,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "CompleteTaskRequest", description = "What came of the task.")
    public record Complete(
            @Schema(description = "The outcome.", example = "Client agreed to a demo", required = true)
            @NotBlank(message = "an outcome is required")
            @Size(max = 2000)
            String outcome,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "CancelTaskRequest", description = "Why the task is cancelled.")
    public record Cancel(
            @Schema(description = "Why.") @Size(max = 500) String reason,

            @Schema(description = OCCURRED_AT, example = "2026-11-20T09:30:00+03:00")
            Instant occurredAt) {}

    @Schema(name = "Task", description = "A task as the API shows it.")
    public record TaskView(
            @Schema(description = "The task's id.") UUID id,
            @Schema(description = "LEAD or DEAL.") Task.CardType cardType,

            @Schema(description = "The lead's or deal's id.")
            UUID cardId,

            @Schema(description = "CALL, MEETING, EMAIL or OTHER.")
            Task.Type type,

            @Schema(description = "What is to be done.") String title,
            @Schema(description = "Who must do it.") UUID assigneeId,
            @Schema(description = "When it is due (UTC).") Instant dueAt,

            @Schema(description = "OPEN, DONE or CANCELLED.")
            Task.Status status,

            @Schema(description = "True when open and past due.")
            boolean overdue,

            @Schema(description = "How often the due time was pushed.")
            int rescheduleCount,

            @Schema(description = "What came of it, once done.")
            String outcome,

            @Schema(description = "When it was set (UTC).") Instant createdAt,

            @Schema(description = "When it was done or cancelled (UTC).")
            Instant closedAt,

            @Schema(description = "The task's reference system in the tenant's own system, when it has one.")
            String externalSystem,

            @Schema(description = "The task's id in that system.")
            String externalId) {

        static TaskView of(Task t, Instant now) {
            return new TaskView(
                    t.id,
                    t.cardType,
                    t.cardId,
                    t.type,
                    t.title,
                    t.assigneeId,
                    t.dueAt,
                    t.status,
                    t.status == Task.Status.OPEN && t.dueAt.isBefore(now),
                    t.rescheduleCount,
                    t.outcome,
                    t.createdAt,
                    t.closedAt,
                    t.externalSystem,
                    t.externalId);
        }
    }

    @Schema(name = "TaskPage", description = "One page of tasks, soonest due first.")
    public record TaskPage(
            @Schema(description = "The tasks on this page.") List<TaskView> items,

            @Schema(description = "The page number, from 0.")
            int page,

            @Schema(description = "The page size.") int size,

            @Schema(description = "How many tasks match in all.")
            long total) {}
}
