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
import java.util.List;
import java.util.Map;

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
        long inflow = filter.count(em, "select count(*)" + from);
        long rejected = filter.count(em, "select count(*)" + from + " and l.status = 'REJECTED'");
        List<Object[]> reasonRows = filter.rows(
                em,
                "select coalesce(l.rejection_reason, 'unknown'), count(*)" + from
                        + " and l.status = 'REJECTED' group by 1 order by 2 desc, 1");
        Map<String, String> reasonLabels = labels.rejectionReasons(
                request, reasonRows.stream().map(r -> (String) r[0]).toList());
        List<RejectedFigures.Group> byReason = reasonRows.stream()
                .map(r -> new RejectedFigures.Group(
                        (String) r[0],
                        reasonLabels.get((String) r[0]),
                        Columns.number(r[1]),
                        share(Columns.number(r[1]), rejected)))
                .toList();
        List<RejectedFigures.SourceGroup> bySource = filter
                .rows(
                        em,
                        "select l.source, count(*), " + "count(*) filter (where l.status = 'REJECTED')" + from
                                + " group by 1 order by 3 desc, 2 desc, 1")
                .stream()
                .map(r -> new RejectedFigures.SourceGroup(
                        (String) r[0],
                        Columns.number(r[1]),
                        Columns.number(r[2]),
                        share(Columns.number(r[2]), Columns.number(r[1]))))
                .toList();
        List<Object[]> perManager = filter.rows(
                em,
                "select " + REJECTER + ", count(*)" + from
                        + " and l.status = 'REJECTED' group by 1 order by 2 desc, 1 nulls last");
        java.util.Map<java.util.UUID, String> names = labels.managerNames(
                request, perManager.stream().map(r -> Columns.uuid(r[0])).toList());
        List<RejectedFigures.ManagerGroup> byManager = perManager.stream()
                .map(r -> new RejectedFigures.ManagerGroup(
                        Columns.uuid(r[0]),
                        names.get(Columns.uuid(r[0])),
                        Columns.number(r[1]),
                        share(Columns.number(r[1]), rejected)))
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
                                "rejected", request.page(), request.size(), order.total(() -> rejected), page.items())
                        .sorted(order)
                        .next(page.nextCursor()),
                positions.asOf(request.gen(), request.tenant()).orElse(null));
    }
}
