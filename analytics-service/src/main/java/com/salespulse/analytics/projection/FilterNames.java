package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * The names of the teams and pipelines, for the dashboard's pickers (metric/filters): the latest name wins, so a
 * rename or a pipeline change applied again writes the same row.
 */
@ApplicationScoped
public class FilterNames {

    private final EntityManager em;

    public FilterNames(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void team(Applying at, UUID teamId, String name) {
        named(at, "TEAM", teamId, name);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void pipeline(Applying at, UUID pipelineId, String name) {
        named(at, "PIPELINE", pipelineId, name);
    }

    private void named(Applying at, String kind, UUID id, String name) {
        run(em, """
                insert into filter_name (gen, tenant_id, kind, id, name) values (?1, ?2, ?3, ?4, ?5)
                on conflict (gen, tenant_id, kind, id) do update set name = excluded.name""", at.gen(), at.tenant(), kind, id, name);
    }
}
