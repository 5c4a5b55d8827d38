package com.salespulse.lead;

import com.salespulse.contract.lead.RejectionReasonChanged;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The tenant's catalogue of rejection reasons: the defaults ({@link RejectionReasons#DEFAULTS}) merged with the
 * tenant's own rows (reasons it added, defaults it renamed or deactivated). Every change emits {@code
 * salespulse.lead.rejection-reason-changed} with the reason as it is after it, which analytics labels its answers
 * with. A reason is never deleted, only deactivated: a lead can no longer be rejected with it, a lead rejected with it
 * keeps it.
 */
@ApplicationScoped
public class RejectionReasonService {

    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,40}");

    private final EntityManager em;
    private final Outbox outbox;
    private final Clock clock;
    private final ActingScope acting;

    public RejectionReasonService(EntityManager em, Outbox outbox, Clock clock, ActingScope acting) {
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
        this.acting = acting;
    }

    /** A reason as the tenant has it now. */
    public record Reason(String code, String labelRu, String labelEn, boolean active) {}

    /** The tenant's catalogue: the defaults first (in their order), then the reasons it added, oldest first. */
    @Transactional
    public List<Reason> catalogue() {
        Map<String, Reason> reasons = new LinkedHashMap<>();
        RejectionReasons.DEFAULTS.forEach(
                d -> reasons.put(d.code(), new Reason(d.code(), d.labelRu(), d.labelEn(), true)));
        for (RejectionReason own : own()) {
            reasons.put(own.code, new Reason(own.code, own.labelRu, own.labelEn, own.active));
        }
        return new ArrayList<>(reasons.values());
    }

    /** The reason with this code, active or not. */
    @Transactional
    public Optional<Reason> byCode(String code) {
        return catalogue().stream().filter(r -> r.code().equals(code)).findFirst();
    }

    /** Adds a reason (active); a code the catalogue already has is refused naming {@code code}. */
    @Transactional
    public Reason add(String code, String labelRu, String labelEn) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ProblemException.invalidField("code", "must be 1 to 40 of a-z, 0-9 and _, e.g. wrong_region");
        }
        if (byCode(code).isPresent()) {
            throw ProblemException.invalidField("code", "is already in the catalogue");
        }
        RejectionReason reason = new RejectionReason();
        reason.id = idOf(code);
        reason.code = code;
        reason.labelRu = label("labelRu", labelRu);
        reason.labelEn = label("labelEn", labelEn);
        reason.active = true;
        reason.createdAt = clock.instant();
        reason.updatedAt = reason.createdAt;
        em.persist(reason);
        em.flush();
        return emit(reason);
    }

    /** Renames and/or (de)activates a reason; a null keeps the value. Empty when the catalogue has no such code. */
    @Transactional
    public Optional<Reason> change(String code, String labelRu, String labelEn, Boolean active) {
        Optional<Reason> current = byCode(code);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String ru = labelRu == null ? current.get().labelRu() : label("labelRu", labelRu);
        String en = labelEn == null ? current.get().labelEn() : label("labelEn", labelEn);
        boolean nowActive = active == null ? current.get().active() : active;
        Reason after = new Reason(code, ru, en, nowActive);
        if (after.equals(current.get())) {
            return current;
        }
        RejectionReason reason = own().stream()
                .filter(r -> r.code.equals(code))
                .findFirst()
                .orElseGet(() -> {
                    RejectionReason fromDefault = new RejectionReason();
                    fromDefault.id = idOf(code);
                    fromDefault.code = code;
                    fromDefault.createdAt = clock.instant();
                    return fromDefault;
                });
        reason.labelRu = ru;
        reason.labelEn = en;
        reason.active = nowActive;
        reason.updatedAt = clock.instant();
        if (!em.contains(reason)) {
            em.persist(reason);
        }
        em.flush();
        return Optional.of(emit(reason));
    }

    private Reason emit(RejectionReason reason) {
        Map<String, String> labels = new TreeMap<>(Map.of("ru", reason.labelRu, "en", reason.labelEn));
        outbox.emit(new RejectionReasonChanged(reason.id, reason.code, labels, reason.active, reason.updatedAt));
        return new Reason(reason.code, reason.labelRu, reason.labelEn, reason.active);
    }

    private List<RejectionReason> own() {
        return em.createQuery("from RejectionReason r order by r.createdAt, r.code", RejectionReason.class)
                .getResultList();
    }

    /** Stable per tenant and code, so a default keeps one id in the events before and after its first change. */
    private UUID idOf(String code) {
        return UUID.nameUUIDFromBytes(
                ("rejection-reason:" + acting.requireTenant() + ":" + code).getBytes(StandardCharsets.UTF_8));
    }

    private static String label(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "must not be blank");
        }
        String trimmed = value.trim();
        if (trimmed.length() > 100) {
            throw ProblemException.invalidField(field, "must be at most 100 characters");
        }
        return trimmed;
    }
}
