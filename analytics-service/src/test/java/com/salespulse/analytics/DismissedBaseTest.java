package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.InjectKafka;
import com.salespulse.testsupport.TestClock;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Metric 12 and DISMISSED_BASE_UNTRANSFERRED: a dismissed manager's cards, the transfer cohort, the baseline. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class DismissedBaseTest {

    @Inject
    TestClock clock;

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @InjectKafka
    KafkaCompanion kafka;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void followsTheTransferredCardsAsACohortAgainstTheBaselineAndFlagsCardsLeftBehind() {
        clock.set(NOW);
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        UUID dmitry = UUID.randomUUID(), anna = UUID.randomUUID(), boris = UUID.randomUUID(), vera = UUID.randomUUID();
        UUID transfer = UUID.randomUUID(),
                pipeline = UUID.randomUUID(),
                s1 = UUID.randomUUID(),
                s2 = UUID.randomUUID(),
                won = UUID.randomUUID(),
                lost = UUID.randomUUID();
        UUID l1 = UUID.randomUUID(),
                l2 = UUID.randomUUID(),
                l3 = UUID.randomUUID(),
                v1 = UUID.randomUUID(),
                v2 = UUID.randomUUID(),
                d1 = UUID.randomUUID(),
                d2 = UUID.randomUUID(),
                d3 = UUID.randomUUID();
        UUID sales1 = UUID.randomUUID(), sales2 = UUID.randomUUID();
        events.publish(
                DealEvents.pipeline(pipeline, s1, s2, won, lost),
                RosterEvents.hired(dmitry, "Dmitry", sales1, 10, "2026-01-10T09:00:00Z"),
                // Dmitry and Anna in team 1, Boris and Vera in team 2; Anna moves to team 2 on 15 Nov (no figure
                // below changes until filtered by team)
                RosterEvents.hired(anna, "Anna", sales1, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(boris, "Boris", sales2, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(vera, "Vera", sales2, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.teamChanged(anna, "Anna", sales1, sales2, 10, "2026-11-15T09:00:00Z"),
                LeadEvents.lead(l1, "website", dmitry, "L1", "2026-11-01T12:00:00Z"),
                LeadEvents.lead(l2, "website", dmitry, "L2", "2026-11-01T12:00:00Z"),
                LeadEvents.lead(l3, "website", dmitry, "L3", "2026-11-01T12:00:00Z"),
                DealEvents.deal(d1, dmitry, pipeline, s1, "D1", "2026-11-02T12:00:00Z"),
                DealEvents.deal(d2, dmitry, pipeline, s1, "D2", "2026-11-02T12:00:00Z"),
                DealEvents.deal(d3, dmitry, pipeline, s1, "D3", "2026-11-02T12:00:00Z"),
                LeadEvents.lead(v1, "call", vera, "V1", "2026-11-05T12:00:00Z"),
                LeadEvents.lead(v2, "call", vera, "V2", "2026-11-05T12:00:00Z"),
                // Dmitry leaves on 10 Nov; his cards go to Anna and Boris, except L3, which stays his
                RosterEvents.dismissed(dmitry, transfer, List.of(anna, boris), "2026-11-10T12:00:00Z"),
                RosterEvents.transferStarted(transfer, dmitry, List.of(anna, boris), "2026-11-10T12:00:00Z"),
                LeadEvents.leadTransferred(l1, dmitry, anna, transfer, "2026-11-10T13:00:00Z"),
                LeadEvents.leadTransferred(l2, dmitry, boris, transfer, "2026-11-10T13:00:00Z"),
                DealEvents.dealTransferred(d1, dmitry, anna, transfer, "2026-11-10T13:00:00Z"),
                DealEvents.dealTransferred(d2, dmitry, boris, transfer, "2026-11-10T13:00:00Z"),
                DealEvents.dealTransferred(d3, dmitry, anna, transfer, "2026-11-10T13:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> answer(TestTokens.head(tenant)).getLong("figures.transfers[0].cards") == 5
                        && answer(TestTokens.head(tenant)).getLong("figures.baseline.cards") == 3);

        events.publish(
                LeadEvents.unreached(l1, anna, "2026-11-11T12:00:00Z"), // touched after 1 day
                LeadEvents.rejected(
                        l2, "NEW", "no_need", boris, "website", "2026-11-16T12:00:00Z"), // lost, touched after 6 days
                DealEvents.call("DEAL", d1, anna, "2026-11-11T10:00:00Z"), // touched after 21 hours
                DealEvents.won(d1, anna, pipeline, s1, won, "2026-11-02T12:00:00Z", "2026-11-12T12:00:00Z"),
                DealEvents.moved(d3, anna, pipeline, s1, s2, "2026-11-12T12:00:00Z"), // touched after 2 days
                LeadEvents.unreached(v1, vera, "2026-11-06T12:00:00Z")); // baseline card touched after 1 day
        // cohort (month of November): L1, L2, D1, D2, D3 = 5 cards; touched within 3 days: L1, D1, D3 = 3 (0.6);
        // won: D1 = 1 (0.2); lost: L2 = 1 (0.2); still idle: D2 (open, never touched) = 1 (0.2).
        // baseline (came in during November, never transferred): L3, V1, V2 = 3; touched within 3 days: V1 (0.3333);
        // won 0, lost 0; still idle: L3, V2 = 2 (0.6667).
        // now (20 Nov 12:00): Dmitry, dismissed 10 days ago, still owns L3.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> answer(TestTokens.head(tenant)).getLong("figures.transfers[0].won") == 1
                        && answer(TestTokens.head(tenant)).getLong("figures.baseline.touched") == 1
                        && answer(TestTokens.head(tenant)).getLong("figures.transfers[0].lost") == 1
                        && answer(TestTokens.head(tenant)).getLong("figures.transfers[0].touched") == 3);
        JsonPath answer = answer(TestTokens.head(tenant));
        assertThat(answer.getString("figures.transfers[0].transferId")).isEqualTo(transfer.toString());
        assertThat(answer.getFloat("figures.transfers[0].touchedShare")).isEqualTo(0.6f);
        assertThat(answer.getLong("figures.transfers[0].stillIdle")).isEqualTo(1);
        assertThat(answer.getFloat("figures.transfers[0].wonShare")).isEqualTo(0.2f);
        assertThat(answer.getLong("figures.baseline.cards")).isEqualTo(3);
        assertThat(answer.getFloat("figures.baseline.touchedShare")).isEqualTo(0.3333f);
        assertThat(answer.getLong("figures.baseline.stillIdle")).isEqualTo(2);
        assertThat(answer.getLong("figures.openCardsStillOwned")).isEqualTo(1);
        assertThat(answer.getString("figures.dismissedManagers[0].name")).isEqualTo("Dmitry");
        assertThat(answer.getLong("figures.dismissedManagers[0].daysSinceDismissal"))
                .isEqualTo(10);
        assertThat(answer.getList("drillDown.items.cardId")).containsExactly(l3.toString());
        assertThat(answer.getList("drillDown.items.ageDays", Integer.class)).containsExactly(10);

        assertThat(answer.getString("drillDown.figure")).isEqualTo("openCardsStillOwned");

        // the cards behind every figure of the cohort: exactly those counted, as many as the figure says
        String cohort = "transfer:" + transfer + ":";
        assertDrill(tenant, "transfer", transfer, "all", cohort + "cards", l1, l2, d1, d2, d3);
        assertDrill(tenant, "transfer", transfer, null, cohort + "cards", l1, l2, d1, d2, d3);
        JsonPath touched = assertDrill(tenant, "transfer", transfer, "touched", cohort + "touched", l1, d1, d3);
        assertDrill(tenant, "transfer", transfer, "won", cohort + "won", d1);
        assertDrill(tenant, "transfer", transfer, "lost", cohort + "lost", l2);
        JsonPath idle = assertDrill(tenant, "transfer", transfer, "idle", cohort + "stillIdle", d2);
        assertThat(touched.getLong("drillDown.totalItems")).isEqualTo(answer.getLong("figures.transfers[0].touched"));
        // a card as the list shows it: the manager it moved to, the client, its outcome state, the move, days to the
        // first touch (L1 and D1 within a day, D3 after 47 hours)
        assertThat(item(touched, d3).get("managerId")).isEqualTo(anna.toString());
        assertThat(item(touched, d3).get("title")).isEqualTo("D3");
        assertThat(item(touched, d3).get("status")).isEqualTo("OPEN");
        assertThat(item(touched, d3).get("at")).isEqualTo("2026-11-10T13:00:00Z");
        assertThat(item(touched, d3).get("ageDays")).isEqualTo(1);
        assertThat(item(touched, l1).get("ageDays")).isEqualTo(0);
        assertThat(item(touched, d1).get("ageDays")).isEqualTo(0);
        assertThat(item(touched, d1).get("status")).isEqualTo("WON");
        assertThat(item(touched, l1).get("cardType")).isEqualTo("LEAD");
        assertThat(item(idle, d2).get("managerId")).isEqualTo(boris.toString());
        assertThat(item(idle, d2).get("ageDays")).isNull();
        // a card's status is its own (a lost lead is a rejected one), with its label in the tenant's language (ru)
        java.util.Map<String, Object> rejectedLead =
                item(assertDrill(tenant, "transfer", transfer, "lost", cohort + "lost", l2), l2);
        assertThat(rejectedLead.get("status")).isEqualTo("REJECTED");
        assertThat(rejectedLead.get("statusLabel")).isEqualTo("Отклонён");
        assertThat(rejectedLead.get("stage")).isEqualTo("LEAD:REJECTED");
        assertThat(rejectedLead.get("managerName")).isEqualTo("Boris");
        assertThat(item(touched, d3).get("stageName")).isEqualTo("Proposal");
        assertThat(item(touched, d3).get("statusLabel")).isEqualTo("Открыта");
        // the baseline: L3, V1, V2; touched V1 (after a day), still idle L3 and V2, nothing won or lost
        assertDrill(tenant, "baseline", null, null, "baseline:cards", l3, v1, v2);
        JsonPath baseTouched = assertDrill(tenant, "baseline", null, "touched", "baseline:touched", v1);
        assertThat(item(baseTouched, v1).get("at")).isEqualTo("2026-11-05T12:00:00Z");
        assertThat(item(baseTouched, v1).get("ageDays")).isEqualTo(1);
        assertThat(item(baseTouched, v1).get("managerId")).isEqualTo(vera.toString());
        assertDrill(tenant, "baseline", null, "idle", "baseline:stillIdle", l3, v2);
        assertDrill(tenant, "baseline", null, "won", "baseline:won");
        // paged like every drill-down: 5 cards, pages of 2
        JsonPath page2 = answer(
                TestTokens.head(tenant),
                "figure",
                "transfer",
                "transferId",
                transfer.toString(),
                "size",
                "2",
                "page",
                "2");
        assertThat(page2.getLong("drillDown.totalItems")).isEqualTo(5);
        assertThat(page2.getList("drillDown.items")).hasSize(1);
        // a transfer the tenant does not have lists nothing
        assertThat(answer(
                                TestTokens.head(tenant),
                                "figure",
                                "transfer",
                                "transferId",
                                UUID.randomUUID().toString())
                        .getList("drillDown.items"))
                .isEmpty();
        // a manager lists only the cohort cards moved to them and their own baseline cards
        JsonPath annas =
                answer(TestTokens.manager(tenant, anna), "figure", "transfer", "transferId", transfer.toString());
        assertThat(annas.getList("drillDown.items.cardId"))
                .containsExactlyInAnyOrder(l1.toString(), d1.toString(), d3.toString());
        assertThat(answer(TestTokens.manager(tenant, anna), "figure", "baseline")
                        .getList("drillDown.items"))
                .isEmpty();
        assertThat(answer(TestTokens.manager(tenant, vera), "figure", "baseline")
                        .getList("drillDown.items.cardId"))
                .containsExactlyInAnyOrder(v1.toString(), v2.toString());
        assertThat(answer(TestTokens.manager(tenant, vera), "figure", "transfer", "transferId", transfer.toString())
                        .getList("drillDown.items"))
                .isEmpty();
        // a bad drill parameter is a 400 naming it
        badDrill(tenant, "transferId", "figure", "transfer");
        badDrill(tenant, "transferId", "figure", "transfer", "transferId", "not-a-uuid");
        badDrill(tenant, "transferId", "figure", "baseline", "transferId", transfer.toString());
        badDrill(tenant, "outcome", "figure", "baseline", "outcome", "sold");
        badDrill(tenant, "outcome", "outcome", "won");
        badDrill(tenant, "figure", "figure", "cohort");

        // N = 1: D3 (touched after 2 days) no longer counts -> L1, D1 = 2
        JsonPath strict = given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("month", "2026-11")
                .queryParam("touchDays", "1")
                .when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(strict.getLong("figures.transfers[0].touched")).isEqualTo(2);

        // Anna's own view: the cohort cards she received (L1, D1, D3)
        assertThat(answer(TestTokens.manager(tenant, anna)).getLong("figures.transfers[0].cards"))
                .isEqualTo(3);

        // L3 left behind for 10 days (limit 3): one alert about Dmitry
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(TestTokens.head(tenant))
                        .when()
                        .get("/api/v1/alerts")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("findAll { it.alertType == 'DISMISSED_BASE_UNTRANSFERRED' }.conditionKey")
                        .equals(List.of("DISMISSED_BASE_UNTRANSFERRED:manager:" + dmitry)));

        // teamId, team 1: Dmitry (who left from team 1) and L3; of the cohort only D1, won on 12 Nov while Anna was
        // in team 1 (her move on 15 Nov does not take it along): 1 card, touched 1, won 1; baseline: L3 (open, its
        // owner Dmitry's team) = 1 card, still idle 1
        await().atMost(Duration.ofSeconds(30))
                .until(() -> answer(TestTokens.head(tenant), "teamId", sales1.toString())
                                .getLong("figures.transfers[0].cards")
                        == 1);
        JsonPath team1 = answer(TestTokens.head(tenant), "teamId", sales1.toString());
        assertThat(team1.getLong("figures.transfers[0].touched")).isEqualTo(1);
        assertThat(team1.getLong("figures.transfers[0].won")).isEqualTo(1);
        assertThat(team1.getLong("figures.transfers[0].lost")).isZero();
        assertThat(team1.getLong("figures.baseline.cards")).isEqualTo(1);
        assertThat(team1.getLong("figures.baseline.stillIdle")).isEqualTo(1);
        assertThat(team1.getLong("figures.openCardsStillOwned")).isEqualTo(1);
        assertThat(team1.getList("drillDown.items.cardId")).containsExactly(l3.toString());
        assertThat(answer(
                                TestTokens.head(tenant),
                                "teamId",
                                sales1.toString(),
                                "figure",
                                "transfer",
                                "transferId",
                                transfer.toString())
                        .getList("drillDown.items.cardId"))
                .containsExactly(d1.toString());
        assertThat(answer(TestTokens.head(tenant), "teamId", sales1.toString(), "figure", "baseline")
                        .getList("drillDown.items.cardId"))
                .containsExactly(l3.toString());
        // team 2: no dismissed manager; the cohort's L1, D3 (Anna's, open: her team now), L2 (Boris's, rejected),
        // D2 (Boris's, open) = 4 cards; touched within 3 days L1, D3 = 2 (0.5); won 0; lost L2 (0.25); still idle D2
        // (0.25); baseline: V1, V2 = 2, touched V1 (0.5)
        JsonPath team2 = answer(TestTokens.head(tenant), "teamId", sales2.toString());
        assertThat(team2.getLong("figures.transfers[0].cards")).isEqualTo(4);
        assertThat(team2.getFloat("figures.transfers[0].touchedShare")).isEqualTo(0.5f);
        assertThat(team2.getLong("figures.transfers[0].won")).isZero();
        assertThat(team2.getFloat("figures.transfers[0].lostShare")).isEqualTo(0.25f);
        assertThat(team2.getFloat("figures.transfers[0].stillIdleShare")).isEqualTo(0.25f);
        assertThat(team2.getLong("figures.baseline.cards")).isEqualTo(2);
        assertThat(team2.getFloat("figures.baseline.touchedShare")).isEqualTo(0.5f);
        assertThat(team2.getLong("figures.openCardsStillOwned")).isZero();
        assertThat(team2.getList("figures.dismissedManagers")).isEmpty();
        assertThat(team2.getList("drillDown.items")).isEmpty();

        // later, deal-service reports D4, a dollar deal Dmitry opened on 1 Oct that no transfer moved (not November's,
        // so the baseline does not change): he still owns 2 cards, D4 first (the older); its amount in the base
        // currency at today's rate: 1 000 USD x 90 = 90 000.00
        UUID d4 = UUID.randomUUID();
        events.publish(
                DealEvents.exchangeRate("USD", "2026-10-01", "90"),
                DealEvents.deal(d4, dmitry, pipeline, s1, "D4", "1000", "USD", "2026-10-01T12:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> answer(TestTokens.head(tenant)).getLong("figures.openCardsStillOwned") == 2
                        && answer(TestTokens.head(tenant))
                                .getList("drillDown.items.amount", Double.class)
                                .contains(90000.0));
        JsonPath withDeal = answer(TestTokens.head(tenant));
        assertThat(withDeal.getList("drillDown.items.cardId")).containsExactly(d4.toString(), l3.toString());
        assertThat(withDeal.getList("drillDown.items.title")).containsExactly("D4", "L3");
        assertThat(withDeal.getList("drillDown.items.amount", Double.class)).containsExactly(90000.0, null);
        assertThat(withDeal.getLong("figures.baseline.cards")).isEqualTo(3);

        given().auth()
                .oauth2(TestTokens.head(tenant))
                .queryParam("month", "2026-11")
                .queryParam("touchDays", "0")
                .when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(400);
    }

    @Test
    void anArchivedLeadIsKeptOutOfTheBaselineAndNeverReportedAsStillIdle() {
        clock.set(NOW);
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        UUID vera = UUID.randomUUID(), kept = UUID.randomUUID(), archived = UUID.randomUUID();
        // two November leads, never touched; one is archived as a duplicate
        events.publish(
                RosterEvents.hired(vera, "Vera", null, 10, "2026-01-10T09:00:00Z"),
                LeadEvents.lead(kept, "call", vera, "Kept", "2026-11-05T12:00:00Z"),
                LeadEvents.lead(archived, "call", vera, "Archived", "2026-11-05T12:00:00Z"),
                LeadEvents.archived(
                        archived, "MANUAL", "duplicate", "NEW", vera, "2026-11-05T12:00:00Z", "2026-11-06T12:00:00Z"));
        // drained: an archived lead is no open card, so manager load holds only the kept one once the archive is in
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(TestTokens.head(tenant))
                        .when()
                        .get("/api/v1/metrics/manager-load")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("figures.managers.openCards", Integer.class)
                        .equals(List.of(1)));

        JsonPath answer = answer(TestTokens.head(tenant));
        assertThat(answer.getLong("figures.baseline.cards")).isEqualTo(1);
        assertThat(answer.getLong("figures.baseline.stillIdle")).isEqualTo(1);
        assertThat(answer.getFloat("figures.baseline.stillIdleShare")).isEqualTo(1.0f);
        assertDrill(tenant, "baseline", null, "idle", "baseline:stillIdle", kept);
        assertDrill(tenant, "baseline", null, null, "baseline:cards", kept);
    }

    /** The drill-down of one figure as the head sees it: its name and exactly these cards, in any order. */
    private static JsonPath assertDrill(
            String tenant, String drill, UUID transfer, String outcome, String figure, UUID... cards) {
        List<String> params = new java.util.ArrayList<>(List.of("figure", drill));
        if (transfer != null) {
            params.addAll(List.of("transferId", transfer.toString()));
        }
        if (outcome != null) {
            params.addAll(List.of("outcome", outcome));
        }
        JsonPath answer = answer(TestTokens.head(tenant), params.toArray(String[]::new));
        assertThat(answer.getString("drillDown.figure")).isEqualTo(figure);
        assertThat(answer.getList("drillDown.items.cardId", String.class))
                .containsExactlyInAnyOrder(
                        java.util.Arrays.stream(cards).map(UUID::toString).toArray(String[]::new));
        assertThat(answer.getLong("drillDown.totalItems")).isEqualTo(cards.length);
        return answer;
    }

    /** The drill-down row of one card. */
    private static java.util.Map<String, Object> item(JsonPath answer, UUID card) {
        return answer.getMap("drillDown.items.find { it.cardId == '" + card + "' }");
    }

    private static void badDrill(String tenant, String field, String... params) {
        io.restassured.specification.RequestSpecification request =
                given().auth().oauth2(TestTokens.head(tenant)).queryParam("month", "2026-11");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        request.when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", org.hamcrest.Matchers.equalTo(field));
    }

    private static JsonPath answer(String token, String... params) {
        io.restassured.specification.RequestSpecification request =
                given().auth().oauth2(token).queryParam("month", "2026-11");
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
