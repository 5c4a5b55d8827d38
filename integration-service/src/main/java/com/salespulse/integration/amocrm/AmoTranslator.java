package com.salespulse.integration.amocrm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.integration.owner.RecordKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What one amoCRM change becomes in Sales Pulse, given the connection's mapping: the owner's state upsert by
 * reference (a lead → the deal's {@code PUT /api/v1/deals/by-ref/{system}/{leadId}}, a contact → the client's, a
 * lead's task → the task's), a park (a pipeline, status, user or contact it needs is not known yet) or nothing.
 */
final class AmoTranslator {

    /** amoCRM's fixed statuses of every pipeline. */
    static final long WON = 142;

    static final long LOST = 143;

    sealed interface Translation permits Send, Park, Ignore {}

    /** Send this body to the owner of {@code kind} as the upsert of {@code externalId}. */
    record Send(RecordKind kind, String externalId, ObjectNode body, List<String> linkedLeads, String name)
            implements Translation {}

    /** Keep it until what it lacks is mapped or linked. */
    record Park(String reason) implements Translation {}

    /** Nothing in Sales Pulse mirrors it. */
    record Ignore(String reason) implements Translation {}

    private final ObjectMapper json;
    private final String system;
    private final AmoCrmApi.Mapping mapping;
    /** The contact (id, name) amoCRM linked to a lead. */
    private final Function<String, Optional<String[]>> contactOfLead;

    AmoTranslator(
            ObjectMapper json,
            String system,
            AmoCrmApi.Mapping mapping,
            Function<String, Optional<String[]>> contactOfLead) {
        this.json = json;
        this.system = system;
        this.mapping = mapping;
        this.contactOfLead = contactOfLead;
    }

    /** Changes nothing in Sales Pulse mirrors, decided as they arrive (no mapping can change that). */
    static Optional<String> ignoredOnArrival(AmoForm.Change change) {
        String what = change.entity() + "[" + change.action() + "]";
        return switch (change.entity()) {
            case "leads" ->
                switch (change.action()) {
                    case "add", "update", "status", "responsible", "restore" ->
                        change.field("id") == null ? Optional.of(what + " without an id") : Optional.empty();
                    case "delete" ->
                        Optional.of("a deleted lead is not mirrored: Sales Pulse keeps the deal (close it "
                                + "as lost in amoCRM to lose it here)");
                    default -> Optional.of(what + " is not mirrored");
                };
            case "contacts" ->
                switch (change.action()) {
                    case "add", "update", "restore" ->
                        change.field("id") == null ? Optional.of(what + " without an id") : Optional.empty();
                    default -> Optional.of(what + " is not mirrored (clients are only created, never changed, here)");
                };
            case "task", "tasks" ->
                switch (change.action()) {
                    case "add", "update" ->
                        change.field("id") == null
                                ? Optional.of(what + " without an id")
                                : !"2".equals(change.field("element_type"))
                                        ? Optional.of(
                                                "a task of a contact or company is not mirrored (only tasks of leads)")
                                        : Optional.empty();
                    default -> Optional.of(what + " is not mirrored");
                };
            default -> Optional.of(what + " is not mirrored");
        };
    }

    Translation translate(AmoForm.Change change, Instant occurredAt) {
        return switch (change.entity()) {
            case "leads" -> lead(change, occurredAt);
            case "contacts" -> contact(change, occurredAt);
            case "task", "tasks" -> task(change, occurredAt);
            default -> new Ignore(change.entity() + " is not mirrored");
        };
    }

    /** A lead is the deal of the same id: its pipeline, status, responsible user, price and contact. */
    private Translation lead(AmoForm.Change lead, Instant occurredAt) {
        String leadId = lead.field("id");
        List<String> missing = new ArrayList<>();
        ObjectNode body = json.createObjectNode();

        Optional<String[]> contact = contactOfLead.apply(leadId);
        if (contact.isEmpty()) {
            missing.add("lead " + leadId + " has no linked contact yet (amoCRM sends it as contacts[add|update] "
                    + "with linked_leads_id)");
        } else {
            body.set("clientRef", ref(system, contact.get()[0]));
            if (contact.get()[1] != null && !contact.get()[1].isBlank()) {
                body.put("clientName", truncate(contact.get()[1], 200));
            }
        }

        Long pipelineId = number(lead.field("pipeline_id"));
        Long statusId = number(lead.field("status_id"));
        Optional<AmoCrmApi.PipelineMap> pipeline = pipelineId == null
                ? Optional.empty()
                : mapping.pipelinesOrEmpty().stream()
                        .filter(p -> p.amoPipelineId().equals(pipelineId))
                        .findFirst();
        if (pipelineId == null || statusId == null) {
            missing.add("lead " + leadId + " names no pipeline_id or status_id");
        } else if (pipeline.isEmpty()) {
            missing.add("pipeline " + pipelineId + " has no mapping");
        } else {
            AmoCrmApi.PipelineMap p = pipeline.get();
            put(body, "pipelineId", p.pipelineId(), "pipelineRef", p.pipelineRef());
            if (statusId == WON) {
                if (p.wonStageId() == null && p.wonStageRef() == null) {
                    missing.add("status 142 (won) of pipeline " + pipelineId + " has no mapping: the pipeline's "
                            + "mapping names no wonStage");
                }
                put(body, "stageId", p.wonStageId(), "stageRef", p.wonStageRef());
            } else if (statusId == LOST) {
                if (p.lostStageId() == null && p.lostStageRef() == null) {
                    missing.add("status 143 (lost) of pipeline " + pipelineId + " has no mapping: the pipeline's "
                            + "mapping names no lostStage");
                }
                put(body, "stageId", p.lostStageId(), "stageRef", p.lostStageRef());
                body.put("lossReason", mapping.lossReasonOrDefault());
            } else {
                Optional<AmoCrmApi.StatusMap> status = mapping.statusesOrEmpty().stream()
                        .filter(s -> s.amoPipelineId().equals(pipelineId)
                                && s.amoStatusId().equals(statusId))
                        .findFirst();
                if (status.isEmpty()) {
                    missing.add("status " + statusId + " of pipeline " + pipelineId + " has no mapping");
                } else {
                    put(
                            body,
                            "stageId",
                            status.get().stageId(),
                            "stageRef",
                            status.get().stageRef());
                }
            }
        }

        manager(lead.field("responsible_user_id"), body, "managerId", "managerRef", missing);
        if (!missing.isEmpty()) {
            return new Park(String.join("; ", missing));
        }
        BigDecimal price = decimal(lead.field("price"));
        body.put("amount", price == null ? BigDecimal.ZERO : price);
        body.put("currency", mapping.currencyOrDefault());
        body.put("source", mapping.sourceOrDefault());
        body.put("occurredAt", occurredAt.toString());
        return new Send(RecordKind.DEAL, leadId, body, List.of(), null);
    }

    /** A contact (or company) is a client; its linked leads get it as their deal's client. */
    private Translation contact(AmoForm.Change contact, Instant occurredAt) {
        ObjectNode body = json.createObjectNode();
        body.put("kind", "company".equals(contact.field("type")) ? "COMPANY" : "PERSON");
        String name = contact.field("name");
        if (name != null) {
            body.put("name", truncate(name, 200));
        }
        var contacts = body.putArray("contacts");
        for (Map.Entry<String, String> field : contact.fields().entrySet()) {
            // custom_fields[i][code] = PHONE | EMAIL, its values at custom_fields[i][values][j][value]
            String key = field.getKey();
            if (!key.startsWith("custom_fields[") || !key.endsWith("][code]")) {
                continue;
            }
            String kind = switch (field.getValue().trim()) {
                case "PHONE" -> "PHONE";
                case "EMAIL" -> "EMAIL";
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            String prefix = key.substring(0, key.length() - "[code]".length()) + "[values][";
            for (Map.Entry<String, String> value : contact.fields().entrySet()) {
                if (value.getKey().startsWith(prefix)
                        && value.getKey().endsWith("][value]")
                        && !value.getValue().isBlank()
                        && contacts.size() < 20) {
                    contacts.addObject()
                            .put("kind", kind)
                            .put("value", truncate(value.getValue().trim(), 254));
                }
            }
        }
        if (contacts.isEmpty()) {
            // none sent: a known client keeps its contacts (lead-service replaces them only when given)
            body.remove("contacts");
        }
        body.put("occurredAt", occurredAt.toString());
        List<String> leads = new ArrayList<>();
        for (String key : contact.fields().keySet()) {
            // linked_leads_id[<lead id>][ID] = <lead id>
            if (key.startsWith("linked_leads_id[") && key.endsWith("][ID]")) {
                leads.add(key.substring("linked_leads_id[".length(), key.length() - "][ID]".length()));
            }
        }
        return new Send(RecordKind.CLIENT, contact.field("id"), body, leads, name);
    }

    /** A task of a lead is a task of its deal. */
    private Translation task(AmoForm.Change task, Instant occurredAt) {
        List<String> missing = new ArrayList<>();
        ObjectNode body = json.createObjectNode();
        body.put("cardType", "DEAL");
        body.set("cardRef", ref(system, task.field("element_id")));
        body.put(
                "type",
                switch (task.field("task_type") == null ? "" : task.field("task_type")) {
                    case "1" -> "CALL";
                    case "2" -> "MEETING";
                    case "3" -> "EMAIL";
                    default -> "OTHER";
                });
        String text = task.field("text");
        body.put("title", truncate(text == null ? "amoCRM task " + task.field("id") : text, 500));
        manager(task.field("responsible_user_id"), body, "assigneeId", "assigneeRef", missing);
        Instant due = AmoForm.unix(task.field("complete_till"));
        if (due == null) {
            missing.add("task " + task.field("id") + " has no complete_till");
        } else {
            body.put("dueAt", due.toString());
        }
        if (!missing.isEmpty()) {
            return new Park(String.join("; ", missing));
        }
        if ("1".equals(task.field("status"))) {
            body.put("status", "DONE");
            String result = task.field("result[text]");
            body.put("outcome", truncate(result == null ? "done in amoCRM" : result, 2000));
        }
        body.put("occurredAt", occurredAt.toString());
        return new Send(RecordKind.TASK, task.field("id"), body, List.of(), null);
    }

    private void manager(String amoUser, ObjectNode body, String idField, String refField, List<String> missing) {
        Long userId = number(amoUser);
        if (userId == null) {
            return; // the owner keeps the deal's manager (a new deal without one is refused by the owner)
        }
        Optional<AmoCrmApi.UserMap> user = mapping.usersOrEmpty().stream()
                .filter(u -> u.amoUserId().equals(userId))
                .findFirst();
        if (user.isEmpty()) {
            missing.add("user " + userId + " has no mapping");
        } else {
            put(body, idField, user.get().managerId(), refField, user.get().managerRef());
        }
    }

    private void put(ObjectNode body, String idField, UUID id, String refField, AmoCrmApi.Ref ref) {
        if (id != null) {
            body.put(idField, id.toString());
        } else if (ref != null) {
            body.set(refField, ref(ref.externalSystem(), ref.externalId()));
        }
    }

    private ObjectNode ref(String externalSystem, String externalId) {
        ObjectNode ref = json.createObjectNode();
        ref.put("externalSystem", externalSystem);
        ref.put("externalId", externalId);
        return ref;
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal decimal(String value) {
        try {
            return value == null ? null : new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
