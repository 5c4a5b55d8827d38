package com.salespulse.analytics.metric.rejected;

import static com.salespulse.analytics.metric.Stats.share;

import com.salespulse.analytics.metric.Drill;
import com.salespulse.analytics.metric.Labels;
import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.analytics.readmodel.ProjectionPositionRepository;
import com.salespulse.analytics.readmodel.SqlFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers metric 2 from {@code lead_fact}. */
@ApplicationScoped
public class RejectedQuery {

    public static final String METRIC = "rejected-leads";
    public static final int DEFINITION_VERSION = 1;
    /** The manager a rejection is counted for. */
    static final String REJECTER = "coalesce(l.rejected_by, l.owner_id)";

    /** What the drill-down can be sorted by: when the lead was rejected, the client, the source, the reason. */
    private static final Drill.Sortable SORTABLE = Drill.sortable(
            "l.lead_id",
            "at",
            "l.rejected_at",
            "title",
            "l.client_name",
            "source",
            "l.source",
            "reason",
            "l.rejection_reason");

    private final EntityManager em;
    private final ProjectionPositionRepository positions;
    private final Labels labels;

    public RejectedQuery(EntityManager em, ProjectionPositionRepository positions, Labels labels) {
        this.em = em;
        this.positions = positions;
        this.labels = labels;
    }

    @Transactional
    public MetricAnswer<RejectedFigures> answer(MetricRequest request) {
        SqlFilter filter = SqlFilter.forTenant("l", request)
                .and("l.created_at >= :start", "start", request.start())
                .and("l.created_at < :end", "end", request.end())
                .and("l.source = :source", "source", request.source())
                .and(REJECTER + " = :managerId", "managerId", request.managerId());
        String from = " from lead_fact l" + filter.where();
        // the period's leads read once: per source (all and rejected), per reason and per manager (rejected), as
        // three grouping sets of one scan instead of a scan per figure; each cut in the order it is shown
        List<Object[]> cuts = filter.rows(em, """
                select case when grouping(p.source) = 0 then 'S' when grouping(p.reason) = 0 then 'R' else 'M' end
                    as cut, p.source, p.reason, p.rejecter, p.rejected, count(*),
                    count(*) filter (where p.rejected)
                from (select l.source, l.status = 'REJECTED' as rejected,
                        coalesce(l.rejection_reason, 'unknown') as reason, %s as rejecter%s) p
                group by grouping sets ((p.source), (p.rejected, p.reason), (p.rejected, p.rejecter))
                order by 1, case when grouping(p.source) = 0 then count(*) filter (where p.rejected) end desc,
                    count(*) desc, p.source, p.reason, p.rejecter nulls last""".formatted(REJECTER, from));
        long inflow = 0;
        long rejected = 0;
        List<Object[]> sourceRows = new ArrayList<>();
        List<Object[]> reasonRows = new ArrayList<>();
        List<Object[]> perManager = new ArrayList<>();
        for (Object[] row : cuts) {
            switch ((String) row[0]) {
                case "S" -> {
                    inflow += Columns.number(row[5]);
                    rejected += Columns.number(row[6]);
                    sourceRows.add(new Object[] {row[1], row[5], row[6]});
                }
                case "R" -> {
                    if (Boolean.TRUE.equals(row[4])) {
                        reasonRows.add(new Object[] {row[2], row[5]});
                    }
                }
                default -> {
                    if (Boolean.TRUE.equals(row[4])) {
                        perManager.add(new Object[] {row[3], row[5]});
                    }
                }
            }
        }
        long rejectedLeads = rejected;
        Map<String, String> reasonLabels = labels.rejectionReasons(
                request, reasonRows.stream().map(r -> (String) r[0]).toList());
        List<RejectedFigures.Group> byReason = reasonRows.stream()
                .map(r -> new RejectedFigures.Group(
                        (String) r[0],
                        reasonLabels.get((String) r[0]),
                        Columns.number(r[1]),
                        share(Columns.number(r[1]), rejectedLeads)))
                .toList();
        List<RejectedFigures.SourceGroup> bySource = sourceRows.stream()
                .map(r -> new RejectedFigures.SourceGroup(
                        (String) r[0],
                        Columns.number(r[1]),
                        Columns.number(r[2]),
                        share(Columns.number(r[2]), Columns.number(r[1]))))
                .toList();
        Map<UUID, String> names = labels.managerNames(
                request, perManager.stream().map(r -> Columns.uuid(r[0])).toList());
        List<RejectedFigures.ManagerGroup> byManager = perManager.stream()
                .map(r -> new RejectedFigures.ManagerGroup(
                        Columns.uuid(r[0]),
                        names.get(Columns.uuid(r[0])),
                        Columns.number(r[1]),
                        share(Columns.number(r[1]), rejectedLeads)))
                .toList();
        Drill.Order order = Drill.order(request, SORTABLE, " order by l.rejected_at desc, l.lead_id");
        Drill.Page page = order.read(
                        filter,
                        em,
                        "select l.lead_id, " + REJECTER + ", l.client_name, l.source, "
                                + "l.rejected_at, l.rejection_reason" + order.keys() + from
                                + " and l.status = 'REJECTED'"
                                + order.page())
                .map(r -> MetricAnswer.DrillDownItem.of(
                        "LEAD",
                        Columns.uuid(r[0]),
                        Columns.uuid(r[1]),
                        (String) r[2],
                        (String) r[3],
                        "LEAD:REJECTED",
                        "REJECTED",
                        Columns.instant(r[4]),
                        null,
                        (String) r[5]));
        return new MetricAnswer<>(
                METRIC,
                DEFINITION_VERSION,
                request.period(),
                request.filters(),
                new RejectedFigures(inflow, rejected, share(rejected, inflow), byReason, bySource, byManager),
                new MetricAnswer.DrillDown(
                                "rejected",
                                request.page(),
                                request.size(),
                                order.total(() -> rejectedLeads),
                                page.items())
                        .sorted(order)
                        .next(page.nextCursor()),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }
}
