package com.salespulse.analytics.leadinflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.salespulse.analytics.ingest.ProjectionPositionRepository;

/** Answers the lead-inflow metric from {@code lead_fact}. */
@ApplicationScoped
public class LeadInflowQuery {

    static final int DEFINITION_VERSION = 1;

    private final EntityManager em;
    private final ProjectionPositionRepository positions;

    public LeadInflowQuery(EntityManager em, ProjectionPositionRepository positions) {
        this.em = em;
        this.positions = positions;
    }

    @Transactional
    public LeadInflowReport report(String tenant, ZoneId zone, LocalDate from, LocalDate to, String source, UUID managerId) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        StringBuilder where = new StringBuilder("where tenant_id = :tenant and created_at >= :start and created_at < :end");
        if (source != null) {
            where.append(" and source = :source");
        }
        if (managerId != null) {
            where.append(" and manager_id = :managerId");
        }

        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            perDay.put(day, 0L);
        }
        for (Object[] row : rows("select cast(created_at at time zone :zone as date), count(*) from lead_fact "
                + where + " group by 1", tenant, zone, start, end, source, managerId)) {
            perDay.put((LocalDate) row[0], ((Number) row[1]).longValue());
        }
        List<LeadInflowReport.DayCount> byDay = new ArrayList<>();
        perDay.forEach((day, count) -> byDay.add(new LeadInflowReport.DayCount(day, count)));

        List<LeadInflowReport.SourceCount> bySource = rows("select source, count(*) from lead_fact " + where
                + " group by source order by count(*) desc, source", tenant, zone, start, end, source, managerId).stream()
                .map(row -> new LeadInflowReport.SourceCount((String) row[0], ((Number) row[1]).longValue()))
                .toList();
        List<LeadInflowReport.ManagerCount> byManager = rows("select manager_id, count(*) from lead_fact " + where
                + " group by manager_id order by count(*) desc, manager_id nulls last", tenant, zone, start, end, source,
                managerId).stream()
                .map(row -> new LeadInflowReport.ManagerCount((UUID) row[0], ((Number) row[1]).longValue()))
                .toList();
        long total = byDay.stream().mapToLong(LeadInflowReport.DayCount::count).sum();

        return new LeadInflowReport("lead-inflow", DEFINITION_VERSION,
                new LeadInflowReport.Period(from, to, zone.getId()),
                new LeadInflowReport.Filters(source, managerId),
                total, byDay, bySource, byManager, positions.asOf(tenant).orElse(null));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String tenant, ZoneId zone, Instant start, Instant end, String source,
            UUID managerId) {
        Query query = em.createNativeQuery(sql)
                .setParameter("tenant", tenant)
                .setParameter("start", start)
                .setParameter("end", end);
        if (sql.contains(":zone")) {
            query.setParameter("zone", zone.getId());
        }
        if (source != null) {
            query.setParameter("source", source);
        }
        if (managerId != null) {
            query.setParameter("managerId", managerId);
        }
        return query.getResultList();
    }
}
