package com.salespulse.analytics.metric.filters;

import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Reads the filters' values from the read model: managers from {@code manager_fact}, team and pipeline names from
 * {@code filter_name} (with the teams managers are in and the pipelines with stages, named or not), sources from
 * the leads and deals. For a manager ({@code ownId} given) only their own manager row, team and sources.
 */
@ApplicationScoped
public class MetricFiltersQuery {

    private final EntityManager em;

    public MetricFiltersQuery(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public MetricFilters filters(int gen, String tenant, Collection<UUID> scope) {
        boolean own = scope != null;
        Collection<UUID> ownId = scope;
        List<MetricFilters.Manager> managers = params(gen, tenant, ownId)
                .rows(
                        em,
                        "select manager_id, name, team_id, dismissed_at from manager_fact "
                                + "where gen = :gen and tenant_id = :tenant"
                                + (own ? " and manager_id in (:me)" : "")
                                + " order by dismissed_at is not null, name, manager_id")
                .stream()
                .map(r -> new MetricFilters.Manager(
                        Columns.uuid(r[0]), (String) r[1], Columns.uuid(r[2]), Columns.instant(r[3])))
                .toList();
        String teamIds = "select distinct team_id as id from manager_fact where gen = :gen and tenant_id = :tenant "
                + "and team_id is not null"
                + (own
                        ? " and manager_id in (:me)"
                        : " union select id from filter_name where gen = :gen and tenant_id = :tenant and kind = 'TEAM'");
        String pipelineIds = "select pipeline_id as id from stage_name where gen = :gen and tenant_id = :tenant "
                + "union select id from filter_name where gen = :gen and tenant_id = :tenant and kind = 'PIPELINE'";
        List<MetricFilters.Team> teams = named(gen, tenant, ownId, "TEAM", teamIds).stream()
                .map(r -> new MetricFilters.Team(Columns.uuid(r[0]), (String) r[1]))
                .toList();
        List<MetricFilters.Pipeline> pipelines = named(gen, tenant, ownId, "PIPELINE", pipelineIds).stream()
                .map(r -> new MetricFilters.Pipeline(Columns.uuid(r[0]), (String) r[1]))
                .toList();
        List<String> sources = params(gen, tenant, ownId)
                .rows(
                        em,
                        "select source, 0 from lead_fact where gen = :gen and tenant_id = :tenant"
                                + (own ? " and (manager_id in (:me) or owner_id in (:me))" : "")
                                + " union select source, 0 from deal_fact where gen = :gen and tenant_id = :tenant "
                                + "and source is not null"
                                + (own ? " and manager_id in (:me)" : "")
                                + " order by 1")
                .stream()
                .map(r -> (String) r[0])
                .toList();
        return new MetricFilters(teams, pipelines, managers, sources);
    }

    /** The ids a query lists, each with its name when known: named ones by name, then the others by id. */
    private List<Object[]> named(int gen, String tenant, Collection<UUID> ownId, String kind, String ids) {
        return params(gen, tenant, ownId)
                .param("kind", kind)
                .rows(
                        em,
                        "with ids as (" + ids + ") select ids.id, n.name from ids left join filter_name n "
                                + "on n.gen = :gen and n.tenant_id = :tenant and n.kind = :kind and n.id = ids.id "
                                + "order by n.name nulls last, ids.id");
    }

    private static SqlFilter params(int gen, String tenant, Collection<UUID> ownId) {
        return SqlFilter.params().param("gen", gen).param("tenant", tenant).param("me", ownId);
    }
}
