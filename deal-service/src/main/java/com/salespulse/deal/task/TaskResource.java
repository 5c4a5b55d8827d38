package com.salespulse.deal.task;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tasks")
@Tag(name = "Tasks", description = "Tasks on lead and deal cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final TaskService tasks;
    private final CurrentCaller caller;
    private final Clock clock;

    public TaskResource(TaskService tasks, CurrentCaller caller, Clock clock) {
        this.tasks = tasks;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Set a task on a card",
            description = "On a deal the caller may see, or on a lead of the "
                    + "tenant (known here within seconds of its intake in lead-service). Emits salespulse.task.created. Roles: head, team-lead, manager (for "
                    + "themselves), integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The task was set; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(responseCode = "409", description = "Another task has that external reference.")
    public Response create(@NotNull(message = "a JSON body is required") @Valid TaskApi.NewTask request) {
        Task task = tasks.create(
                caller.scope(), request.newTask(ExternalRef.ofPair(request.externalSystem(), request.externalId())));
        return Response.created(URI.create("/api/v1/tasks/" + task.id))
                .entity(TaskApi.TaskView.of(task, clock.instant()))
                .build();
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Create or update a task by its external reference",
            description = "The state upsert: "
                    + "creates the task in the state sent (salespulse.task.created at occurredAt, then completed or cancelled "
                    + "for DONE or CANCELLED), or brings the existing task to it, emitting what the single operations emit at "
                    + "occurredAt: task.reassigned, task.rescheduled, task.completed, task.cancelled. Its card cannot change; "
                    + "type and title are taken when it is set. The same request twice emits nothing the second time. "
                    + "?dryRun=true validates and writes nothing. Roles: head, team-lead, manager (own), integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The task was created; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The task was updated, or already was in that state.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(
            responseCode = "409",
            description = "occurredAt is before the task's last change (stale-change), or a "
                    + "done or cancelled task was to change.")
    public Response put(
            @BeanParam ByRefUpsert byRef, @NotNull(message = "a JSON body is required") @Valid TaskApi.State request) {
        ExternalRef ref = byRef.ref();
        TaskService.Upserted result = tasks.upsert(caller.scope(), request.state(ref), byRef.dryRun());
        TaskApi.TaskView body = TaskApi.TaskView.of(result.task(), clock.instant());
        return ByRefUpsert.answer(result.created(), "/api/v1/tasks/" + result.task().id, body);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a task by its external reference",
            description = "A manager reads only their own. " + "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The task.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(responseCode = "404", description = "No task with that reference among those the caller may see.")
    public TaskApi.TaskView getByRef(@BeanParam ByRef byRef) {
        return tasks.findByRef(byRef.ref(), caller.scope())
                .map(t -> TaskApi.TaskView.of(t, clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("Task " + byRef));
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List tasks",
            description = "Soonest due first: the whole tenant for a head of sales or an "
                    + "integrator, their own for a manager. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of tasks.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskPage.class)))
    public TaskApi.TaskPage list(
            @Parameter(description = "Only this assignee's tasks.") @QueryParam("assigneeId") UUID assigneeId,
            @Parameter(description = "OPEN, DONE or CANCELLED.") @QueryParam("status") Task.Status status,
            @Parameter(description = "LEAD or DEAL.") @QueryParam("cardType") Task.CardType cardType,
            @Parameter(description = "Only tasks on this card.") @QueryParam("cardId") UUID cardId,
            @BeanParam @Valid PageParams paging) {
        TaskService.TaskPage result = tasks.list(
                new TaskRepository.Filter(caller.scope(), assigneeId, status, cardType, cardId),
                paging.page(),
                paging.size());
        var now = clock.instant();
        return new TaskApi.TaskPage(
                result.items().stream().map(t -> TaskApi.TaskView.of(t, now)).toList(),
                result.page(),
                result.size(),
                result.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read one task",
            description = "A manager reads only their own. Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The task.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(responseCode = "404", description = "No such task among those the caller may see.")
    public TaskApi.TaskView get(@PathParam("id") UUID id) {
        return found(id, tasks.find(id, caller.scope()));
    }

    @POST
    @Path("/{id}/reschedule")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Move a task's due time",
            description =
                    "Counts the reschedules. Emits "
                            + "salespulse.task.rescheduled with the due time before and after. Roles: head, team-lead, manager (own), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The task as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(responseCode = "404", description = "No such task among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The task is done or cancelled.")
    public TaskApi.TaskView reschedule(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid TaskApi.Reschedule request) {
        return found(id, tasks.reschedule(id, caller.scope(), request.dueAt(), request.reason(), request.occurredAt()));
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Complete a task",
            description = "With its outcome. Emits salespulse.task.completed. "
                    + "Roles: head, team-lead, manager (own), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The task as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(responseCode = "400", description = "No outcome.")
    @APIResponse(responseCode = "404", description = "No such task among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The task is done or cancelled already.")
    public TaskApi.TaskView complete(
            @PathParam("id") UUID id,
            @NotNull(message = "a JSON body with an outcome is required") @Valid TaskApi.Complete request) {
        return found(id, tasks.complete(id, caller.scope(), request.outcome(), request.occurredAt()));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Cancel a task",
            description = "Emits salespulse.task.cancelled. Roles: head, team-lead, manager (own), integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The task as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(responseCode = "404", description = "No such task among those the caller may see.")
    @APIResponse(responseCode = "409", description = "The task is done or cancelled already.")
    public TaskApi.TaskView cancel(@PathParam("id") UUID id, @Valid TaskApi.Cancel request) {
        return found(
                id,
                tasks.cancel(
                        id,
                        caller.scope(),
                        request == null ? null : request.reason(),
                        request == null ? null : request.occurredAt()));
    }

    private TaskApi.TaskView found(UUID id, Optional<Task> task) {
        return task.map(t -> TaskApi.TaskView.of(t, clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("Task " + id));
    }
}
