package com.salespulse.deal.deal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.salespulse.contract.deal.LossReasonAdded;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;

/**
 * The tenant's catalogue of loss reasons. A tenant starts with a default catalogue, written (with one event per
 * reason) the first time the tenant needs it; the head of sales can add more.
 */
@ApplicationScoped
public class LossReasonService {

    private record Default(String code, String label, LossReason.Kind kind) {
    }

    private static final List<Default> DEFAULTS = List.of(
            new Default("PRICE", "Too expensive", LossReason.Kind.PRICE),
            new Default("COMPETITOR", "Chose a competitor", LossReason.Kind.COMPETITOR),
            new Default("NO_NEED", "No longer needed", LossReason.Kind.NO_NEED),
            new Default("NO_BUDGET", "No budget", LossReason.Kind.NO_BUDGET),
            new Default("NO_RESPONSE", "Stopped answering", LossReason.Kind.NO_RESPONSE),
            new Default("ASKED_NOT_TO_CONTACT", "Client asked not to be contacted", LossReason.Kind.PRESSURE),
            new Default("TOO_PUSHY", "Client complained about too many calls", LossReason.Kind.PRESSURE),
            new Default("OTHER", "Other", LossReason.Kind.OTHER));

    private final EntityManager em;
    private final Outbox outbox;
    private final Clock clock;

    public LossReasonService(EntityManager em, Outbox outbox, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public List<LossReason> catalogue(String tenant, String actor) {
        List<LossReason> reasons = all();
        if (reasons.isEmpty()) {
            DEFAULTS.forEach(d -> insert(tenant, actor, d.code(), d.label(), d.kind()));
            reasons = all();
        }
        return reasons;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LossReason> byCode(String tenant, String actor, String code) {
        return catalogue(tenant, actor).stream().filter(r -> r.code.equals(code)).findFirst();
    }

    @Transactional
    public LossReason add(String tenant, String actor, String code, String label, LossReason.Kind kind) {
        if (catalogue(tenant, actor).stream().anyMatch(r -> r.code.equals(code))) {
            throw ProblemException.invalidField("code", "is already in the catalogue");
        }
        return insert(tenant, actor, code, label, kind);
    }

    private LossReason insert(String tenant, String actor, String code, String label, LossReason.Kind kind) {
        LossReason reason = new LossReason();
        reason.id = UUID.randomUUID();
        reason.tenantId = tenant;
        reason.code = code;
        reason.label = label.trim();
        reason.kind = kind;
        reason.createdAt = clock.instant();
        em.persist(reason);
        em.flush();
        outbox.emit(tenant, actor, new LossReasonAdded(reason.id, code, reason.label, kind.name(), reason.createdAt, null));
        return reason;
    }

    private List<LossReason> all() {
        return em.createQuery("from LossReason r order by r.createdAt, r.code", LossReason.class).getResultList();
    }
}
