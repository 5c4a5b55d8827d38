package com.salespulse.integration.ingress;

import com.salespulse.integration.owner.RecordKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The CloudEvent types an integrator may push, named as the suite's own events (event-contract {@code EventType}), and
 * the owner operation each becomes. The event says what happened in the integrator's CRM; its {@code data} is the
 * card's state afterwards, the owner's PUT by-ref body plus {@code externalSystem} and {@code externalId} (the import
 * row's shape, docs/imports.md). The owner compares that state with what it has and emits its own events, so
 * {@code salespulse.deal.stage-moved} and {@code salespulse.deal.won} are both the deal's state upsert; a type may
 * require a field the state must name ({@link #requiresOneOf}) or fill one it implies ({@link #impliedStatus}).
 */
public enum PushType {

    // ---- lead-service: roster, client base, leads ----
    TEAM_CREATED("salespulse.roster.team-created", RecordKind.TEAM),
    TEAM_RENAMED("salespulse.roster.team-renamed", RecordKind.TEAM, null, "name"),
    MANAGER_HIRED("salespulse.roster.manager-hired", RecordKind.MANAGER),
    MANAGER_UPDATED("salespulse.roster.manager-updated", RecordKind.MANAGER),
    CLIENT_CREATED("salespulse.lead.client-created", RecordKind.CLIENT),
    /**
     * The client's state after an edit in the CRM: lead-service's by-ref upsert edits a known client as its PATCH does
     * (client-updated with before and after, nothing when nothing changed; contacts left out are kept).
     */
    CLIENT_UPDATED("salespulse.lead.client-updated", RecordKind.CLIENT, null, "name", "contacts"),
    LEAD_CREATED("salespulse.lead.created", RecordKind.LEAD),
    LEAD_UPDATED("salespulse.lead.updated", RecordKind.LEAD),
    LEAD_ASSIGNED("salespulse.lead.assigned", RecordKind.LEAD, null, "managerRef", "managerId"),
    LEAD_STATUS_CHANGED("salespulse.lead.status-changed", RecordKind.LEAD, null, "status"),
    LEAD_CONTACT_ATTEMPTED("salespulse.lead.contact-attempted", RecordKind.CONTACT_ATTEMPT),
    /** The reference in data is the lead's; data is the convert body (dealRef, occurredAt, ...). */
    LEAD_CONVERTED("salespulse.lead.converted", RecordKind.LEAD_CONVERSION),

    // ---- deal-service: catalogue, deals, tasks, activities, plans ----
    PRODUCT_CREATED("salespulse.product.created", RecordKind.PRODUCT),
    PRODUCT_CHANGED("salespulse.product.changed", RecordKind.PRODUCT),
    PIPELINE_CREATED("salespulse.pipeline.created", RecordKind.PIPELINE),
    PIPELINE_CHANGED("salespulse.pipeline.changed", RecordKind.PIPELINE),
    DEAL_OPENED("salespulse.deal.opened", RecordKind.DEAL),
    DEAL_UPDATED("salespulse.deal.updated", RecordKind.DEAL),
    DEAL_STAGE_MOVED("salespulse.deal.stage-moved", RecordKind.DEAL, null, "stageRef", "stageId"),
    /** The stage sent must be the pipeline's WON stage; the owner applies the state it describes. */
    DEAL_WON("salespulse.deal.won", RecordKind.DEAL, null, "stageRef", "stageId"),
    /** The stage sent must be the pipeline's LOST stage, with lossReason (the owner requires it there). */
    DEAL_LOST("salespulse.deal.lost", RecordKind.DEAL, null, "stageRef", "stageId"),
    DEAL_REOPENED("salespulse.deal.reopened", RecordKind.DEAL, null, "stageRef", "stageId"),
    DEAL_REASSIGNED("salespulse.deal.reassigned", RecordKind.DEAL, null, "managerRef", "managerId"),
    TASK_CREATED("salespulse.task.created", RecordKind.TASK),
    TASK_RESCHEDULED("salespulse.task.rescheduled", RecordKind.TASK),
    TASK_REASSIGNED("salespulse.task.reassigned", RecordKind.TASK, null, "assigneeRef", "assigneeId"),
    TASK_COMPLETED("salespulse.task.completed", RecordKind.TASK, "DONE"),
    TASK_CANCELLED("salespulse.task.cancelled", RecordKind.TASK, "CANCELLED"),
    ACTIVITY_LOGGED("salespulse.activity.logged", RecordKind.ACTIVITY),
    PLAN_SET("salespulse.plan.set", RecordKind.PLAN),
    PLAN_CHANGED("salespulse.plan.changed", RecordKind.PLAN),
    ;

    private final String type;
    private final RecordKind kind;
    private final String impliedStatus;
    private final List<String> requiresOneOf;

    PushType(String type, RecordKind kind) {
        this(type, kind, null);
    }

    PushType(String type, RecordKind kind, String impliedStatus, String... requiresOneOf) {
        this.type = type;
        this.kind = kind;
        this.impliedStatus = impliedStatus;
        this.requiresOneOf = List.of(requiresOneOf);
    }

    /** The CloudEvent {@code type}. */
    public String type() {
        return type;
    }

    /** The owner operation the event becomes. */
    public RecordKind kind() {
        return kind;
    }

    /**
     * The {@code status} the type means ({@code DONE} for a completed task): filled in when data leaves it out, and a
     * different one is refused; null when the type implies none.
     */
    public String impliedStatus() {
        return impliedStatus;
    }

    /** Fields of which data must carry at least one (the first is named when none is there); empty for none. */
    public List<String> requiresOneOf() {
        return requiresOneOf;
    }

    public static Optional<PushType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static List<String> types() {
        return Arrays.stream(values()).map(PushType::type).toList();
    }
}
