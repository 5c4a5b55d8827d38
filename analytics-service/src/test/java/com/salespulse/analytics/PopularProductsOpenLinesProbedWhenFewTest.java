package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.DealFacts;
import com.salespulse.analytics.metric.MetricRequest;
import com.salespulse.analytics.metric.products.PopularProductsQuery;
import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.testsupport.EmbeddedInfra;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: popular-products' open deals read their lines by a probe of deal_line_fact's primary key per open deal
 * while they are few beside the table, which holds every line of every deal of every tenant (with PostgreSQL's default
 * costs a big tenant's few thousand open deals hashed the whole table: the scale 0.1 run of 6 Dec 2026, 1 980 ms a
 * call, the table read from outside shared buffers each time), and by a scan when most deals are open, where probes
 * cost more ({@code PopularProductsQuery.OPEN_LINES_PAGE_COST}). A big tenant of 60 000 deals of three lines is written
 * into temporary copies of deal_fact and deal_line_fact (which shadow the tables in this transaction), analysed, and
 * the statement the metric sends is planned for its values as the metric plans it.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class PopularProductsOpenLinesProbedWhenFewTest {

    @Inject
    EntityManager em;

    @Inject
    DealFacts deals;

    @Test
    void aBigTenantsFewOpenDealsHaveTheirLinesProbedByDealNotHashedFromTheWholeTable() {
        assertThat(plan(1_000))
                .containsPattern("Index Scan using \\w+ on deal_line_fact")
                .doesNotContain("Seq Scan on deal_line_fact")
                .doesNotContain("Hash Join");
    }

    @Test
    void whenMostDealsAreOpenTheTableIsScannedOnceInsteadOfProbedForEach() {
        assertThat(plan(40_000)).contains("Seq Scan on deal_line_fact").contains("Hash Join");
    }

    /** The plan of popular-products' open lines for a tenant of 60 000 deals, {@code open} of them open. */
    private String plan(int open) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery(
                            "create temporary table deal_fact (like public.deal_fact including all) on commit drop")
                    .executeUpdate();
            em.createNativeQuery("create temporary table deal_line_fact (like public.deal_line_fact including all) "
                            + "on commit drop")
                    .executeUpdate();
            em.createNativeQuery("""
                            insert into deal_fact (gen, tenant_id, deal_id, client_id, manager_id, pipeline_id, stage_id,
                                stage_probability, status, amount, currency, repeat_sale, opened_at, closed_at,
                                owner_since, stage_entered_at, last_touched_at)
                            select 1, 'big', md5('d' || i)::uuid, md5('c' || i % 500)::uuid, md5('m' || i % 20)::uuid,
                                md5('p')::uuid, md5('s' || i % 6)::uuid, 50,
                                case when i <= :open_deals then 'OPEN' when i % 3 = 0 then 'WON' else 'LOST' end,
                                1000, case when i % 7 = 0 then 'EUR' else 'USD' end, false,
                                timestamptz '2026-01-01' + i * interval '10 minutes',
                                case when i > :open_deals then timestamptz '2026-01-20' + i * interval '10 minutes' end,
                                timestamptz '2026-01-01', timestamptz '2026-01-01', timestamptz '2026-01-01'
                            from generate_series(1, 60000) i""".replace(":open_deals", String.valueOf(open)))
                    .executeUpdate();
            em.createNativeQuery("""
                            insert into deal_line_fact (gen, tenant_id, deal_id, line_no, product_id, product_name,
                                category, quantity, unit_price, discount_percent, amount)
                            select d.gen, d.tenant_id, d.deal_id, n,
                                md5('prod' || (hashtext(d.deal_id::text) + n) % 50)::uuid, 'Product', 'Category', n,
                                100, 0, n * 100
                            from deal_fact d cross join generate_series(1, 3) n""").executeUpdate();
            em.createNativeQuery("analyze deal_fact, deal_line_fact").executeUpdate();
            LocalDate today = LocalDate.of(2026, 12, 5);
            MetricRequest request = MetricRequest.inside(
                    "big",
                    1,
                    new WorkCalendar(ZoneOffset.UTC, "USD", Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Map.of()),
                    today.withDayOfMonth(1),
                    today,
                    Instant.parse("2026-12-05T12:00:00Z"));
            DealFacts.DealSet set = deals.open(request, today);
            // one text column: each row is the line itself
            List<?> lines = PopularProductsQuery.priced(
                    em,
                    () -> set.filter().rows(em, "explain with " + set.cte() + " " + PopularProductsQuery.OPEN_LINES));
            return String.join("\n", lines.stream().map(String::valueOf).toList());
        });
    }
}
