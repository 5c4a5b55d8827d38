package com.salespulse.analytics.metric;

import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a dashboard shows beside the codes and ids of an answer, in the tenant's language ({@code ru} or {@code en},
 * tenant settings): managers' names (the roster projection, {@code manager_fact}), stage names (a deal's from
 * {@code stage_name}, a lead's status label), status labels, and reason labels — rejection reasons from the tenant's
 * catalogue ({@code rejection_reason}, from {@code RejectionReasonChanged}: a reason it added, renamed or deactivated)
 * or else the default catalogue lead-service starts every tenant with (copied here), loss reasons from
 * the tenant's catalogue ({@code loss_reason}, from {@code LossReasonAdded}: its label in the language when
 * deal-service sent labels by language, else its one label). A code no catalogue knows is shown as it is.
 * Only the ids of one answer are looked up (a page of cards, the managers of a figure), never a period's rows.
 */
@ApplicationScoped
@Transactional
public class Labels {

    /** Lead statuses (a lead's status is also its stage), deal and task statuses: code → {ru, en}. */
    private static final Map<String, String[]> STATUSES = Map.ofEntries(
            Map.entry("LEAD:NEW", new String[] {"Новый", "New"}),
            Map.entry("LEAD:IN_WORK", new String[] {"В работе", "In work"}),
            Map.entry("LEAD:QUALIFIED", new String[] {"Квалифицирован", "Qualified"}),
            Map.entry("LEAD:REJECTED", new String[] {"Отклонён", "Rejected"}),
            Map.entry("LEAD:CONVERTED", new String[] {"Переведён в сделку", "Converted to a deal"}),
            Map.entry("DEAL:OPEN", new String[] {"Открыта", "Open"}),
            Map.entry("DEAL:WON", new String[] {"Выиграна", "Won"}),
            Map.entry("DEAL:LOST", new String[] {"Проиграна", "Lost"}),
            Map.entry("TASK:OPEN", new String[] {"Открыта", "Open"}),
            Map.entry("TASK:DONE", new String[] {"Выполнена", "Done"}),
            Map.entry("TASK:CANCELLED", new String[] {"Отменена", "Cancelled"}));

    /** lead-service's default rejection reasons (RejectionReasons.DEFAULTS): code → {ru, en}. */
    static final Map<String, String[]> REJECTION_REASONS = Map.of(
            "junk", new String[] {"Мусор / спам", "Junk or spam"},
            "duplicate", new String[] {"Дубль", "Duplicate"},
            "not_target", new String[] {"Не целевой", "Not our target"},
            "no_budget", new String[] {"Нет бюджета", "No budget"},
            "unreachable", new String[] {"Не дозвонились", "Unreachable"},
            "competitor", new String[] {"Ушёл к конкуренту", "Went to a competitor"});

    /** A manager's name from the roster projection, given the column holding their id (a group-by key). */
    public static final String MANAGER_NAME = "(select m.name from manager_fact m where m.gen = :gen and m.tenant_id = "
            + ":tenant and m.manager_id = %s)";

    private final EntityManager em;

    public Labels(EntityManager em) {
        this.em = em;
    }

    /** The label of a status code of a card type (LEAD, DEAL, TASK); the code itself when unknown. */
    public static String status(String language, String cardType, String status) {
        return status == null ? null : pick(language, STATUSES.get(cardType + ":" + status), status);
    }

    /** A lead stage's name ({@code LEAD:NEW} → its status label); null for a deal stage. */
    public static String leadStage(String language, String stage) {
        return stage != null && stage.startsWith("LEAD:") ? pick(language, STATUSES.get(stage), stage) : null;
    }

    public static String rejectionReason(String language, String code) {
        return code == null ? null : pick(language, REJECTION_REASONS.get(code), code);
    }

    /** Managers' names by id, as the roster projection knows them (dismissed managers included). */
    public Map<UUID, String> managerNames(MetricRequest request, Collection<UUID> ids) {
        List<UUID> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        Map<UUID, String> names = new HashMap<>();
        if (!wanted.isEmpty()) {
            SqlFilter filter = SqlFilter.forTenant("m", request).and("m.manager_id in (:ids)", "ids", wanted);
            filter.rows(em, "select m.manager_id, m.name from manager_fact m" + filter.where())
                    .forEach(r -> names.put(Columns.uuid(r[0]), (String) r[1]));
        }
        return names;
    }

    /** Stage names by stage code: a lead's status label, a deal stage's name from its pipeline. */
    public Map<String, String> stageNames(MetricRequest request, Collection<String> stages) {
        Map<String, String> names = new HashMap<>();
        List<UUID> dealStages = stages.stream()
                .filter(Objects::nonNull)
                .distinct()
                .map(stage -> {
                    if (stage.startsWith("LEAD:")) {
                        names.put(stage, leadStage(language(request), stage));
                        return null;
                    }
                    try {
                        return UUID.fromString(stage);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                })
                .filter(Objects::nonNull)
                .toList();
        if (!dealStages.isEmpty()) {
            SqlFilter filter = SqlFilter.forTenant("s", request).and("s.stage_id in (:ids)", "ids", dealStages);
            filter.rows(em, "select s.stage_id, s.name from stage_name s" + filter.where())
                    .forEach(r -> names.put(Columns.uuid(r[0]).toString(), (String) r[1]));
        }
        return names;
    }

    /**
     * Rejection reasons' labels by code in the tenant's language: the tenant's own label where lead-service sent one
     * (a reason added or renamed, deactivated ones included), else the default catalogue's, else the code.
     */
    public Map<String, String> rejectionReasons(MetricRequest request, Collection<String> codes) {
        List<String> wanted = codes.stream().filter(Objects::nonNull).distinct().toList();
        String language = language(request);
        Map<String, String> labels = new HashMap<>();
        wanted.forEach(code -> labels.put(code, rejectionReason(language, code)));
        if (!wanted.isEmpty()) {
            String column = "en".equals(language) ? "r.label_en" : "r.label_ru";
            SqlFilter filter = SqlFilter.forTenant("r", request).and("r.code in (:codes)", "codes", wanted);
            filter.rows(em, "select r.code, " + column + " from rejection_reason r" + filter.where())
                    .forEach(r -> labels.put((String) r[0], (String) r[1]));
        }
        return labels;
    }

    /** Loss reasons' labels by code, in the tenant's language where deal-service gave one, else the one label. */
    public Map<String, String> lossReasons(MetricRequest request, Collection<String> codes) {
        List<String> wanted = codes.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> labels = new HashMap<>();
        if (!wanted.isEmpty()) {
            String column = "en".equals(language(request)) ? "r.label_en" : "r.label_ru";
            SqlFilter filter = SqlFilter.forTenant("r", request).and("r.code in (:codes)", "codes", wanted);
            filter.rows(em, "select r.code, coalesce(" + column + ", r.label) from loss_reason r" + filter.where())
                    .forEach(r -> labels.put((String) r[0], (String) r[1]));
        }
        return labels;
    }

    /** Where each card type keeps its external reference: table and id column. */
    private static final Map<String, String[]> REFERENCES = Map.of(
            "LEAD", new String[] {"lead_fact", "lead_id"},
            "DEAL", new String[] {"deal_fact", "deal_id"},
            "TASK", new String[] {"task_fact", "task_id"});

    /**
     * The external references ({@code externalSystem}, {@code externalId}) of a page's cards that have one, by card
     * type and id: one query per card type on the page.
     */
    public Map<String, String[]> references(MetricRequest request, List<MetricAnswer.DrillDownItem> items) {
        Map<String, String[]> references = new HashMap<>();
        REFERENCES.forEach((cardType, where) -> {
            List<UUID> ids = items.stream()
                    .filter(i -> cardType.equals(i.cardType()) && i.cardId() != null)
                    .map(MetricAnswer.DrillDownItem::cardId)
                    .distinct()
                    .toList();
            if (!ids.isEmpty()) {
                SqlFilter filter = SqlFilter.forTenant("c", request)
                        .and("c." + where[1] + " in (:ids)", "ids", ids)
                        .and("c.external_id is not null");
                filter.rows(
                                em,
                                "select c." + where[1] + ", c.external_system, c.external_id from " + where[0] + " c"
                                        + filter.where())
                        .forEach(r -> references.put(
                                cardType + ":" + Columns.uuid(r[0]), new String[] {(String) r[1], (String) r[2]}));
            }
        });
        return references;
    }

    /**
     * The page with every item's names and labels: the manager's name, the stage's name, the status label and the
     * reason label (a lead's reason from the rejection catalogue, a lost deal's from the tenant's loss reasons); and
     * the card's external reference, when it came with one.
     */
    public MetricAnswer.DrillDown page(MetricRequest request, MetricAnswer.DrillDown page) {
        List<MetricAnswer.DrillDownItem> items = page.items();
        String language = language(request);
        Map<UUID, String> managers = managerNames(
                request,
                items.stream().map(MetricAnswer.DrillDownItem::managerId).toList());
        Map<String, String> stages = stageNames(
                request, items.stream().map(MetricAnswer.DrillDownItem::stage).toList());
        Map<String, String> losses = lossReasons(
                request,
                items.stream()
                        .filter(i -> "DEAL".equals(i.cardType()))
                        .map(MetricAnswer.DrillDownItem::reason)
                        .toList());
        Map<String, String> rejections = rejectionReasons(
                request,
                items.stream()
                        .filter(i -> "LEAD".equals(i.cardType()))
                        .map(MetricAnswer.DrillDownItem::reason)
                        .toList());
        Map<String, String[]> references = references(request, items);
        List<MetricAnswer.DrillDownItem> labelled = items.stream()
                .map(item -> item.labelled(
                        managers.get(item.managerId()),
                        item.stage() == null ? null : stages.getOrDefault(item.stage(), item.stage()),
                        status(language, item.cardType(), item.status()),
                        item.reason() == null
                                ? null
                                : "LEAD".equals(item.cardType())
                                        ? rejections.getOrDefault(item.reason(), item.reason())
                                        : losses.getOrDefault(item.reason(), item.reason())))
                .map(item -> {
                    String[] reference = references.get(item.cardType() + ":" + item.cardId());
                    return reference == null ? item : item.withReference(reference[0], reference[1]);
                })
                .toList();
        return page.withItems(labelled);
    }

    /** The answer with its drill-down page labelled. */
    public <F> MetricAnswer<F> answer(MetricRequest request, MetricAnswer<F> answer) {
        return new MetricAnswer<>(
                answer.metric(),
                answer.definitionVersion(),
                answer.period(),
                answer.filters(),
                answer.figures(),
                answer.drillDown() == null ? null : page(request, answer.drillDown()),
                answer.asOf());
    }

    public static String language(MetricRequest request) {
        return request.calendar().language();
    }

    private static String pick(String language, String[] labels, String fallback) {
        if (labels == null) {
            return fallback;
        }
        return "en".equals(language) ? labels[1] : labels[0];
    }
}
