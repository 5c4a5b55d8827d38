package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;

import com.salespulse.contract.deal.LossReasonChanged;
import com.salespulse.contract.lead.RejectionReasonChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * The tenants' own reason labels: rejection reasons as lead-service's catalogue has them after each change
 * ({@code rejection_reason}; a code without a row keeps the default label, {@code metric/Labels}) and loss reasons
 * renamed or (de)activated in deal-service ({@code loss_reason}, added by {@link DealProjection}). Each event carries
 * the reason as it is after the change, so applying it is an upsert and a redelivery changes nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReasonCatalogueProjection {

    private final EntityManager em;

    public ReasonCatalogueProjection(EntityManager em) {
        this.em = em;
    }

    public void rejectionReason(Applying at, RejectionReasonChanged e) {
        Map<String, String> labels = e.labels() == null ? Map.of() : e.labels();
        String ru = labels.getOrDefault("ru", e.code());
        String en = labels.getOrDefault("en", ru);
        run(em, """
                insert into rejection_reason (gen, tenant_id, code, label_ru, label_en, active)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (gen, tenant_id, code) do update set label_ru = excluded.label_ru,
                    label_en = excluded.label_en, active = excluded.active""", at.gen(), at.tenant(), e.code(), ru, en, e.active());
    }

    /**
     * A loss reason's labels and activity after the change. Its addition is already here: both events are keyed by the
     * reason's id, so they share a partition and arrive in order.
     */
    public void lossReason(Applying at, LossReasonChanged e) {
        Map<String, String> labels = e.labels() == null ? Map.of() : e.labels();
        String ru = labels.getOrDefault("ru", labels.getOrDefault("en", e.code()));
        String en = labels.getOrDefault("en", ru);
        run(em, """
                update loss_reason set label_ru = ?4, label_en = ?5, active = ?6
                where gen = ?1 and tenant_id = ?2 and code = ?3""", at.gen(), at.tenant(), e.code(), ru, en, e.active());
    }
}
