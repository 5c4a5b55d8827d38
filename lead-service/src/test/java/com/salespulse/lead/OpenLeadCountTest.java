package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestClock;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each manager's open leads are kept in a row (manager_open_leads) that distribution ranks and caps by: after every
 * kind of change a lead's status, owner or archiving sees, the row equals the count of the manager's open leads.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class OpenLeadCountTest {

    @Inject
    TestClock clock;

    @BeforeEach
    void mondayMorning() {
        clock.set(DistributionTest.MONDAY_10_MSK);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theKeptCountEqualsTheOpenLeadsAfterIntakesConversionsRejectionsReassignmentsArchivingAndAHandover()
            throws Exception {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 50, Roster.everyDay("09:00", "18:00"));
        String boris = roster.hire("Boris", 50, Roster.everyDay("09:00", "18:00"));
        String vera = roster.hire("Vera", 50, Roster.everyDay("09:00", "18:00"));
        String leaving = roster.hire("Leaving Lena", 50, Roster.everyDay("09:00", "18:00"));

        // intakes by the rule, from several callers at once, and by hand
        ExecutorService callers = Executors.newFixedThreadPool(6);
        List<String> byRule = new ArrayList<>();
        try {
            List<Future<String>> arriving = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String phone = "+7 901 100-00-" + String.format("%02d", i);
                arriving.add(callers.submit(() -> roster.lead(phone)));
            }
            for (Future<String> lead : arriving) {
                byRule.add(lead.get());
            }
        } finally {
            callers.shutdownNow();
        }
        List<String> lenas = List.of(
                roster.leadFor(leaving, "+7 901 200-00-01"),
                roster.leadFor(leaving, "+7 901 200-00-02"),
                roster.leadFor(leaving, "+7 901 200-00-03"));
        String toConvert = roster.leadFor(anna, "+7 901 300-00-01");
        String toReject = roster.leadFor(anna, "+7 901 300-00-02");
        String toMove = roster.leadFor(anna, "+7 901 300-00-03");
        String toArchive = roster.leadFor(boris, "+7 901 300-00-04");
        String toRestore = roster.leadFor(boris, "+7 901 300-00-05");
        assertCountsMatch(roster.tenant);

        // conversion, rejection (one of them a lead of the leaving manager), a reassignment by hand
        status(roster, toConvert, "{\"status\":\"IN_WORK\"}");
        status(roster, toConvert, "{\"status\":\"QUALIFIED\"}");
        roster.asHead()
                .body("{}")
                .when()
                .post("/api/v1/leads/" + toConvert + "/convert")
                .then()
                .statusCode(200);
        status(roster, toReject, "{\"status\":\"REJECTED\",\"reasonCode\":\"junk\"}");
        status(roster, lenas.get(2), "{\"status\":\"REJECTED\",\"reasonCode\":\"junk\"}");
        roster.asHead()
                .body("{\"managerId\":\"" + vera + "\",\"reason\":\"client asked for Vera\"}")
                .when()
                .post("/api/v1/leads/" + toMove + "/assign")
                .then()
                .statusCode(200);
        // archived and restored
        roster.asHead()
                .body("{\"reason\":\"went silent\"}")
                .when()
                .post("/api/v1/leads/" + toArchive + "/archive")
                .then()
                .statusCode(200);
        roster.asHead()
                .body("{\"reason\":\"went silent\"}")
                .when()
                .post("/api/v1/leads/" + toRestore + "/archive")
                .then()
                .statusCode(200);
        roster.asHead()
                .body("{\"reason\":\"called back\"}")
                .when()
                .post("/api/v1/leads/" + toRestore + "/restore")
                .then()
                .statusCode(200);
        assertCountsMatch(roster.tenant);

        // the departed manager's open leads handed over by the rule
        roster.asHead()
                .body("{\"cards\":\"DISTRIBUTE_BY_RULE\"}")
                .when()
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(200);
        assertThat(roster.managerOf(lenas.get(0))).isIn(anna, boris, vera);
        assertThat(roster.managerOf(lenas.get(2))).isEqualTo(leaving);
        Map<String, Long> counts = assertCountsMatch(roster.tenant);
        assertThat(counts).doesNotContainKey(leaving);
        // every open lead is counted once: 16 by the rule, 2 of the departed's, 5 by hand less the three closed
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(16 + 2 + 5 - 3);
        assertThat(byRule).hasSize(16);
    }

    @Test
    void aManagerWhoseLeadsClosedIsLessLoadedAgainForTheNextLead() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 2, Roster.everyDay("09:00", "18:00"));
        String boris = roster.hire("Boris", 10, Roster.everyDay("09:00", "18:00"));
        String first = roster.leadFor(anna, "+7 901 400-00-01");
        roster.leadFor(anna, "+7 901 400-00-02");
        roster.leadFor(boris, "+7 901 400-00-03");

        // Anna is full (2 of 2): the lead goes to Boris
        assertThat(roster.managerOf(roster.lead("+7 901 400-00-04"))).isEqualTo(boris);

        // one of Anna's leads rejected: 1 of 2 (0.5) against Boris's 2 of 10 (0.2), still Boris
        status(roster, first, "{\"status\":\"REJECTED\",\"reasonCode\":\"junk\"}");
        assertThat(roster.managerOf(roster.lead("+7 901 400-00-05"))).isEqualTo(boris);

        // Anna's other lead moved to Boris: 0 of 2 against 4 of 10, Anna's turn
        String second = roster.asHead()
                .when()
                .get("/api/v1/leads?managerId=" + anna)
                .then()
                .statusCode(200)
                .extract()
                .<String>path("items.find { it.status == 'NEW' }.id");
        roster.asHead()
                .body("{\"managerId\":\"" + boris + "\",\"reason\":\"Anna is busy\"}")
                .when()
                .post("/api/v1/leads/" + second + "/assign")
                .then()
                .statusCode(200);
        assertThat(roster.managerOf(roster.lead("+7 901 400-00-06"))).isEqualTo(anna);
        assertCountsMatch(roster.tenant);
    }

    private static void status(Roster roster, String lead, String body) {
        roster.asHead()
                .body(body)
                .when()
                .post("/api/v1/leads/" + lead + "/status")
                .then()
                .statusCode(200);
    }

    /** The kept counts of the tenant's managers equal the counts of their open leads; answers them. */
    private static Map<String, Long> assertCountsMatch(String tenant) {
        Map<String, Long> kept = counts("""
                select c.manager_id::text, c.open_leads from manager_open_leads c join manager m on m.id = c.manager_id
                where m.tenant_id = ?1 and c.open_leads > 0""", tenant);
        Map<String, Long> counted = counts("""
                select manager_id::text, count(*) from lead
                where tenant_id = ?1 and manager_id is not null and archived_at is null
                  and status in ('NEW', 'IN_WORK', 'QUALIFIED')
                group by manager_id""", tenant);
        assertThat(kept).isEqualTo(counted).isNotEmpty();
        return kept;
    }

    private static Map<String, Long> counts(String sql, String tenant) {
        var entityManager =
                Arc.container().instance(OutboxEventRepository.class).get().getEntityManager();
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new TreeMap<>();
            for (Object row :
                    entityManager.createNativeQuery(sql).setParameter(1, tenant).getResultList()) {
                Object[] columns = (Object[]) row;
                counts.put((String) columns[0], ((Number) columns[1]).longValue());
            }
            return counts;
        });
    }
}
