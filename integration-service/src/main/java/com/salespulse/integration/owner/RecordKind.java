package com.salespulse.integration.owner;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of record an import row may be (its {@code type}) and where each goes: the owner's
 * {@code PUT /api/v1/<collection>/by-ref/{externalSystem}/{externalId}} state upsert, or for an action on a card (a
 * conversion, a dismissal) its {@code POST /api/v1/<collection>/by-ref/{externalSystem}/{externalId}/<action>}.
 */
public enum RecordKind {
    MANAGER("manager", Owner.LEAD_SERVICE, "managers"),
    TEAM("team", Owner.LEAD_SERVICE, "teams"),
    CLIENT("client", Owner.LEAD_SERVICE, "clients"),
    LEAD("lead", Owner.LEAD_SERVICE, "leads"),
    CONTACT_ATTEMPT("contact-attempt", Owner.LEAD_SERVICE, "contact-attempts"),
    /** A lead's conversion: the row's reference is the lead's; the body is the convert body. */
    LEAD_CONVERSION("lead-conversion", Owner.LEAD_SERVICE, "leads", "convert"),
    /** A manager's dismissal: the row's reference is the manager's; the body is the dismissal body. */
    MANAGER_DISMISSAL("manager-dismissal", Owner.LEAD_SERVICE, "managers", "dismissal"),
    PRODUCT("product", Owner.DEAL_SERVICE, "products"),
    PIPELINE("pipeline", Owner.DEAL_SERVICE, "pipelines"),
    DEAL("deal", Owner.DEAL_SERVICE, "deals"),
    TASK("task", Owner.DEAL_SERVICE, "tasks"),
    ACTIVITY("activity", Owner.DEAL_SERVICE, "activities"),
    PLAN("plan", Owner.DEAL_SERVICE, "plans"),
    ;

    private final String type;
    private final Owner owner;
    private final String collection;
    private final String action;

    RecordKind(String type, Owner owner, String collection) {
        this(type, owner, collection, null);
    }

    RecordKind(String type, Owner owner, String collection, String action) {
        this.type = type;
        this.owner = owner;
        this.collection = collection;
        this.action = action;
    }

    /** The row's {@code type} value. */
    public String type() {
        return type;
    }

    public Owner owner() {
        return owner;
    }

    public String collection() {
        return collection;
    }

    /** The action a POST on the card names ({@code convert}, {@code dismissal}); empty for a state upsert (PUT). */
    public Optional<String> action() {
        return Optional.ofNullable(action);
    }

    public static Optional<RecordKind> ofType(String type) {
        return Arrays.stream(values()).filter(kind -> kind.type.equals(type)).findFirst();
    }

    public static List<String> types() {
        return Arrays.stream(values()).map(RecordKind::type).toList();
    }

    /**
     * The kind a reference field names: {@code managerRef} a manager, {@code referredByClientRef} a client,
     * {@code lines[0].productRef} a product; empty for one that names no row kind (a stage).
     */
    public static Optional<RecordKind> namedByRefField(String fieldName) {
        String name = fieldName.toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith("ref")) {
            return Optional.empty();
        }
        String stem = name.substring(0, name.length() - "ref".length());
        return Arrays.stream(values())
                .filter(kind -> kind.action == null)
                .filter(kind -> stem.endsWith(kind.type.replace("-", "")))
                .findFirst();
    }
}
