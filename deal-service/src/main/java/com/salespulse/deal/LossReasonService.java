package com.salespulse.deal;

import com.salespulse.contract.deal.LossReasonAdded;
import com.salespulse.contract.deal.LossReasonChanged;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The tenant's catalogue of loss reasons. A tenant starts with a default catalogue, written (with one event per
 * reason) the first time the tenant needs it; the head of sales can add more, rename any and deactivate any (never
 * delete: a lost deal keeps its reason and its label).
 */
@ApplicationScoped
public class LossReasonService {

    /** A reason's label in the two languages the suite speaks. */
    public record Labels(String ru, String en) {

        /** As the events carry it: keys "ru" and "en". */
        Map<String, String> asMap() {
            Map<String, String> map = new TreeMap<>();
            map.put("en", en);
            map.put("ru", ru);
            return map;
        }
    }

    private record Default(String code, Labels labels, LossReason.Kind kind) {}

    /** The default catalogue, labelled like lead-service's rejection reasons (Russian and English). */
    private static final List<Default> DEFAULTS = List.of(
            new Default("PRICE", new Labels("Слишком дорого", "Too expensive"), LossReason.Kind.PRICE),
            new Default(
                    "COMPETITOR", new Labels("Выбрали конкурента", "Chose a competitor"), LossReason.Kind.COMPETITOR),
            new Default("NO_NEED", new Labels("Больше не нужно", "No longer needed"), LossReason.Kind.NO_NEED),
            new Default("NO_BUDGET", new Labels("Нет бюджета", "No budget"), LossReason.Kind.NO_BUDGET),
            new Default(
                    "NO_RESPONSE", new Labels("Перестал отвечать", "Stopped answering"), LossReason.Kind.NO_RESPONSE),
            new Default(
                    "ASKED_NOT_TO_CONTACT",
                    new Labels("Клиент попросил не звонить", "Client asked not to be contacted"),
                    LossReason.Kind.PRESSURE),
            new Default(
                    "TOO_PUSHY",
                    new Labels("Клиент жаловался на слишком частые звонки", "Client complained about too many calls"),
                    LossReason.Kind.PRESSURE),
            new Default("OTHER", new Labels("Другое", "Other"), LossReason.Kind.OTHER));

    private final EntityManager em;
    private final Outbox outbox;
    private final Clock clock;

    public LossReasonService(EntityManager em, Outbox outbox, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public List<LossReason> catalogue() {
        List<LossReason> reasons = all();
        if (reasons.isEmpty()) {
            DEFAULTS.forEach(d -> insert(d.code(), d.labels().en(), d.labels(), d.kind()));
            reasons = all();
        }
        return reasons;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LossReason> byCode(String code) {
        return catalogue().stream().filter(r -> r.code.equals(code)).findFirst();
    }

    /** Adds a reason; a language left out of {@code labels} shows {@code label}. */
    @Transactional
    public LossReason add(String code, String label, Labels labels, LossReason.Kind kind) {
        if (catalogue().stream().anyMatch(r -> r.code.equals(code))) {
            throw ProblemException.invalidField("code", "is already in the catalogue");
        }
        String ru = labels == null || labels.ru() == null ? label : labels.ru();
        String en = labels == null || labels.en() == null ? label : labels.en();
        return insert(code, label, new Labels(ru.trim(), en.trim()), kind);
    }

    /**
     * Renames and/or (de)activates a reason; a null keeps the value, a language left out of {@code labels} keeps its
     * label. Emits {@code salespulse.deal.loss-reason-changed} when something changed. Empty for an unknown code.
     */
    @Transactional
    public Optional<LossReason> change(String code, Labels labels, Boolean active) {
        Optional<LossReason> found = byCode(code);
        if (found.isEmpty()) {
            return found;
        }
        LossReason reason = found.get();
        String ru = labels == null || labels.ru() == null
                ? reason.labelRu
                : labels.ru().trim();
        String en = labels == null || labels.en() == null
                ? reason.labelEn
                : labels.en().trim();
        boolean nowActive = active == null ? reason.active : active;
        if (ru.equals(reason.labelRu) && en.equals(reason.labelEn) && nowActive == reason.active) {
            return found;
        }
        reason.labelRu = ru;
        reason.labelEn = en;
        reason.active = nowActive;
        reason.updatedAt = clock.instant();
        em.flush();
        outbox.emit(new LossReasonChanged(
                reason.id, reason.code, new Labels(ru, en).asMap(), reason.active, reason.updatedAt));
        return found;
    }

    private LossReason insert(String code, String label, Labels labels, LossReason.Kind kind) {
        LossReason reason = new LossReason();
        reason.id = UUID.randomUUID();
        reason.code = code;
        reason.label = label.trim();
        reason.labelRu = labels.ru();
        reason.labelEn = labels.en();
        reason.kind = kind;
        reason.createdAt = clock.instant();
        em.persist(reason);
        em.flush();
        outbox.emit(new LossReasonAdded(reason.id, code, reason.label, kind.name(), reason.createdAt, labels.asMap()));
        return reason;
    }

    private List<LossReason> all() {
        return em.createQuery("from LossReason r order by r.createdAt, r.code", LossReason.class)
                .getResultList();
    }
}
