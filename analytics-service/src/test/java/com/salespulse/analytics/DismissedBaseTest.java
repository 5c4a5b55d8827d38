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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Metric 12 and DISMISSED_BASE_UNTRANSFERRED: a dismissed manager's cards, the transfer cohort, the baseline. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DismissedBaseTest {

    @Inject
    TestClock clock;

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @InjectKafka
    KafkaCompanion kafka;

    // Dmitry and Anna in team 1, Boris and Vera in team 2; Dmitry leaves on 10 Nov, his cards L1, L2, D1, D2, D3 go to
    // Anna and Boris by one transfer, L3 stays his; Vera's V1 and V2 come in on 5 Nov (the baseline with L3); Gleb, in
    // team 3, holds none of the cards
    private static final UUID DMITRY = UUID.randomUUID(), ANNA = UUID.randomUUID(), BORIS = UUID.randomUUID();
    private static final UUID VERA = UUID.randomUUID(), GLEB = UUID.randomUUID();
    private static final UUID SALES_1 = UUID.randomUUID(), SALES_2 = UUID.randomUUID(), SALES_3 = UUID.randomUUID();
    private static final UUID TRANSFER = UUID.randomUUID(), PIPELINE = UUID.randomUUID();
    private static final UUID S1 = UUID.randomUUID(), S2 = UUID.randomUUID();
    private static final UUID WON = UUID.randomUUID(), LOST = UUID.randomUUID();
    private static final UUID L1 = UUID.randomUUID(), L2 = UUID.randomUUID(), L3 = UUID.randomUUID();
    private static final UUID V1 = UUID.randomUUID(), V2 = UUID.randomUUID();
    private static final UUID D1 = UUID.randomUUID(), D2 = UUID.randomUUID(), D3 = UUID.randomUUID();
    private static final String COHORT = "transfer:" + TRANSFER + ":";

    /** The tenant of the scenario, built once for the class by the first rule that runs; the others read it. */
    private static String tenant;

    @BeforeEach
    void dismissalScenario() {
        clock.set(NOW);
        if (tenant == null) {
            tenant = publishDismissalScenario();
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private String publishDismissalScenario() {
        String tenant = TestTenants.fresh();
        EventPublisher events = new EventPublisher(kafka, tenant);
        events.publish(
                DealEvents.pipeline(PIPELINE, S1, S2, WON, LOST),
                RosterEvents.hired(DMITRY, "Dmitry", SALES_1, 10, "2026-01-10T09:00:00Z"),
                // Anna moves to team 2 on 15 Nov (no figure below changes until filtered by team)
                RosterEvents.hired(ANNA, "Anna", SALES_1, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(BORIS, "Boris", SALES_2, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(VERA, "Vera", SALES_2, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.hired(GLEB, "Gleb", SALES_3, 10, "2026-01-10T09:00:00Z"),
                RosterEvents.teamChanged(ANNA, "Anna", SALES_1, SALES_2, 10, "2026-11-15T09:00:00Z"),
                LeadEvents.lead(L1, "website", DMITRY, "L1", "2026-11-01T12:00:00Z"),
                LeadEvents.lead(L2, "website", DMITRY, "L2", "2026-11-01T12:00:00Z"),
                LeadEvents.lead(L3, "website", DMITRY, "L3", "2026-11-01T12:00:00Z"),
                DealEvents.deal(D1, DMITRY, PIPELINE, S1, "D1", "2026-11-02T12:00:00Z"),
                DealEvents.deal(D2, DMITRY, PIPELINE, S1, "D2", "2026-11-02T12:00:00Z"),
                DealEvents.deal(D3, DMITRY, PIPELINE, S1, "D3", "2026-11-02T12:00:00Z"),
                LeadEvents.lead(V1, "call", VERA, "V1", "2026-11-05T12:00:00Z"),
                LeadEvents.lead(V2, "call", VERA, "V2", "2026-11-05T12:00:00Z"),
                // Dmitry leaves on 10 Nov; his cards go to Anna and Boris, except L3, which stays his
                RosterEvents.dismissed(DMITRY, TRANSFER, List.of(ANNA, BORIS), "2026-11-10T12:00:00Z"),
                RosterEvents.transferStarted(TRANSFER, DMITRY, List.of(ANNA, BORIS), "2026-11-10T12:00:00Z"),
                LeadEvents.leadTransferred(L1, DMITRY, ANNA, TRANSFER, "2026-11-10T13:00:00Z"),
                LeadEvents.leadTransferred(L2, DMITRY, BORIS, TRANSFER, "2026-11-10T13:00:00Z"),
                DealEvents.dealTransferred(D1, DMITRY, ANNA, TRANSFER, "2026-11-10T13:00:00Z"),
                DealEvents.dealTransferred(D2, DMITRY, BORIS, TRANSFER, "2026-11-10T13:00:00Z"),
                DealEvents.dealTransferred(D3, DMITRY, ANNA, TRANSFER, "2026-11-10T13:00:00Z"));
        // the cohort is absent (a null count) until the transfer is applied: polled again, not an error
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> answer(TestTokens.head(tenant)).getLong("figures.transfers[0].cards") == 5
                        && answer(TestTokens.head(tenant)).getLong("figures.baseline.cards") == 3);

        events.publish(
                LeadEvents.unreached(L1, ANNA, "2026-11-11T12:00:00Z"), // touched after 1 day
                LeadEvents.rejected(
                        L2, "NEW", "no_need", BORIS, "website", "2026-11-16T12:00:00Z"), // lost, touched after 6 days
                DealEvents.call("DEAL", D1, ANNA, "2026-11-11T10:00:00Z"), // touched after 21 hours
                DealEvents.won(D1, ANNA, PIPELINE, S1, WON, "2026-11-02T12:00:00Z", "2026-11-12T12:00:00Z"),
                DealEvents.moved(D3, ANNA, PIPELINE, S1, S2, "2026-11-12T12:00:00Z"), // touched after 2 days
                LeadEvents.unreached(V1, VERA, "2026-11-06T12:00:00Z")); // baseline card touched after 1 day
        // the cohort is absent (a null count) until the transfer is applied: polled again, not an error
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> answer(TestTokens.head(tenant)).getLong("figures.transfers[0].won") == 1
                        && answer(TestTokens.head(tenant)).getLong("figures.baseline.touched") == 1
                        && answer(TestTokens.head(tenant)).getLong("figures.transfers[0].lost") == 1
                        && answer(TestTokens.head(tenant)).getLong("figures.transfers[0].touched") == 3);
        return tenant;
    }

    private static String head() {
        return TestTokens.head(tenant);
    }

    // cohort (month of November): L1, L2, D1, D2, D3 = 5 cards; touched within 3 days: L1, D1, D3 = 3 (0.6);
    // won: D1 = 1 (0.2); lost: L2 = 1 (0.2); still idle: D2 (open, never touched) = 1 (0.2).
    // baseline (came in during November, never transferred): L3, V1, V2 = 3; touched within 3 days: V1 (0.3333);
    // won 0, lost 0; still idle: L3, V2 = 2 (0.6667).
    // now (20 Nov 12:00): Dmitry, dismissed 10 days ago, still owns L3.

    @Test
    void theTransferredCardsAreFollowedAsACohortAgainstTheBaseline() {
        JsonPath answer = answer(head());
        assertThat(answer.getString("figures.transfers[0].transferId")).isEqualTo(TRANSFER.toString());
        assertThat(answer.getFloat("figures.transfers[0].touchedShare")).isEqualTo(0.6f);
        assertThat(answer.getLong("figures.transfers[0].stillIdle")).isEqualTo(1);
        assertThat(answer.getFloat("figures.transfers[0].wonShare")).isEqualTo(0.2f);
        assertThat(answer.getLong("figures.baseline.cards")).isEqualTo(3);
        assertThat(answer.getFloat("figures.baseline.touchedShare")).isEqualTo(0.3333f);
        assertThat(answer.getLong("figures.baseline.stillIdle")).isEqualTo(2);
    }

    @Test
    void theCardsADismissedManagerStillOwnsAreListedWithTheDaysSinceHeLeft() {
        JsonPath answer = answer(head());
        assertThat(answer.getLong("figures.openCardsStillOwned")).isEqualTo(1);
        assertThat(answer.getString("figures.dismissedManagers[0].name")).isEqualTo("Dmitry");
        assertThat(answer.getLong("figures.dismissedManagers[0].daysSinceDismissal"))
                .isEqualTo(10);
        assertThat(answer.getList("drillDown.items.cardId")).containsExactly(L3.toString());
        assertThat(answer.getList("drillDown.items.ageDays", Integer.class)).containsExactly(10);
        assertThat(answer.getString("drillDown.figure")).isEqualTo("openCardsStillOwned");
    }

    @Test
    void everyCohortFigureDrillsDownToExactlyTheCardsItCounts() {
        assertDrill(tenant, "transfer", TRANSFER, "all", COHORT + "cards", L1, L2, D1, D2, D3);
        assertDrill(tenant, "transfer", TRANSFER, null, COHORT + "cards", L1, L2, D1, D2, D3);
        JsonPath touched = assertDrill(tenant, "transfer", TRANSFER, "touched", COHORT + "touched", L1, D1, D3);
        assertDrill(tenant, "transfer", TRANSFER, "won", COHORT + "won", D1);
        assertDrill(tenant, "transfer", TRANSFER, "lost", COHORT + "lost", L2);
        assertDrill(tenant, "transfer", TRANSFER, "idle", COHORT + "stillIdle", D2);
        assertThat(touched.getLong("drillDown.totalItems"))
                .isEqualTo(answer(head()).getLong("figures.transfers[0].touched"));
    }

    @Test
    void aDrilledCardShowsItsNewOwnerItsStateTheMoveAndTheDaysToItsFirstTouch() {
        JsonPath touched = assertDrill(tenant, "transfer", TRANSFER, "touched", COHORT + "touched", L1, D1, D3);
        JsonPath idle = assertDrill(tenant, "transfer", TRANSFER, "idle", COHORT + "stillIdle", D2);
        // the manager it moved to, the client, its outcome state, the move, days to the first touch (L1 and D1 within
        // a day, D3 after 47 hours)
        assertThat(item(touched, D3).get("managerId")).isEqualTo(ANNA.toString());
        assertThat(item(touched, D3).get("title")).isEqualTo("D3");
        assertThat(item(touched, D3).get("status")).isEqualTo("OPEN");
        assertThat(item(touched, D3).get("at")).isEqualTo("2026-11-10T13:00:00Z");
        assertThat(item(touched, D3).get("ageDays")).isEqualTo(1);
        assertThat(item(touched, L1).get("ageDays")).isEqualTo(0);
        assertThat(item(touched, D1).get("ageDays")).isEqualTo(0);
        assertThat(item(touched, D1).get("status")).isEqualTo("WON");
        assertThat(item(touched, L1).get("cardType")).isEqualTo("LEAD");
        assertThat(item(idle, D2).get("managerId")).isEqualTo(BORIS.toString());
        assertThat(item(idle, D2).get("ageDays")).isNull();
    }

    @Test
    void aDrilledCardsStatusIsItsOwnWithItsLabelInTheTenantsLanguage() {
        // a lost lead is a rejected one; the tenant's language is ru
        Map<String, Object> rejectedLead =
                item(assertDrill(tenant, "transfer", TRANSFER, "lost", COHORT + "lost", L2), L2);
        assertThat(rejectedLead.get("status")).isEqualTo("REJECTED");
        assertThat(rejectedLead.get("statusLabel")).isEqualTo("Отклонён");
        assertThat(rejectedLead.get("stage")).isEqualTo("LEAD:REJECTED");
        assertThat(rejectedLead.get("managerName")).isEqualTo("Boris");
        JsonPath touched = assertDrill(tenant, "transfer", TRANSFER, "touched", COHORT + "touched", L1, D1, D3);
        assertThat(item(touched, D3).get("stageName")).isEqualTo("Proposal");
        assertThat(item(touched, D3).get("statusLabel")).isEqualTo("Открыта");
    }

    @Test
    void theBaselineDrillsDownToTheCardsThatCameInWithoutATransfer() {
        // L3, V1, V2; touched V1 (after a day), still idle L3 and V2, nothing won or lost
        assertDrill(tenant, "baseline", null, null, "baseline:cards", L3, V1, V2);
        JsonPath baseTouched = assertDrill(tenant, "baseline", null, "touched", "baseline:touched", V1);
        assertThat(item(baseTouched, V1).get("at")).isEqualTo("2026-11-05T12:00:00Z");
        assertThat(item(baseTouched, V1).get("ageDays")).isEqualTo(1);
        assertThat(item(baseTouched, V1).get("managerId")).isEqualTo(VERA.toString());
        assertDrill(tenant, "baseline", null, "idle", "baseline:stillIdle", L3, V2);
        assertDrill(tenant, "baseline", null, "won", "baseline:won");
    }

    @Test
    void theCohortDrillDownIsPagedAndATransferTheTenantDoesNotHaveListsNothing() {
        // 5 cards, pages of 2
        JsonPath page2 =
                answer(head(), "figure", "transfer", "transferId", TRANSFER.toString(), "size", "2", "page", "2");
        assertThat(page2.getLong("drillDown.totalItems")).isEqualTo(5);
        assertThat(page2.getList("drillDown.items")).hasSize(1);
        assertThat(answer(
                                head(),
                                "figure",
                                "transfer",
                                "transferId",
                                UUID.randomUUID().toString())
                        .getList("drillDown.items"))
                .isEmpty();
    }

    @Test
    void aManagerDrillsOnlyIntoTheCohortCardsMovedToThemAndTheirOwnBaseline() {
        JsonPath annas =
                answer(TestTokens.manager(tenant, ANNA), "figure", "transfer", "transferId", TRANSFER.toString());
        assertThat(annas.getList("drillDown.items.cardId"))
                .containsExactlyInAnyOrder(L1.toString(), D1.toString(), D3.toString());
        assertThat(answer(TestTokens.manager(tenant, ANNA), "figure", "baseline")
                        .getList("drillDown.items"))
                .isEmpty();
        assertThat(answer(TestTokens.manager(tenant, VERA), "figure", "baseline")
                        .getList("drillDown.items.cardId"))
                .containsExactlyInAnyOrder(V1.toString(), V2.toString());
        assertThat(answer(TestTokens.manager(tenant, VERA), "figure", "transfer", "transferId", TRANSFER.toString())
                        .getList("drillDown.items"))
                .isEmpty();
    }

    @Test
    void aManagersOwnViewCountsTheCohortCardsTheyReceived() {
        // Anna's: L1, D1, D3
        assertThat(answer(TestTokens.manager(tenant, ANNA)).getLong("figures.transfers[0].cards"))
                .isEqualTo(3);
    }

    @Test
    void aBadDrillParameterOrTouchWindowIsA400() {
        badDrill(tenant, "transferId", "figure", "transfer");
        badDrill(tenant, "transferId", "figure", "transfer", "transferId", "not-a-uuid");
        badDrill(tenant, "transferId", "figure", "baseline", "transferId", TRANSFER.toString());
        badDrill(tenant, "outcome", "figure", "baseline", "outcome", "sold");
        badDrill(tenant, "outcome", "outcome", "won");
        badDrill(tenant, "figure", "figure", "cohort");
        given().auth()
                .oauth2(head())
                .queryParam("month", "2026-11")
                .queryParam("touchDays", "0")
                .when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(400);
    }

    @Test
    void aShorterTouchWindowCountsOnlyTheCardsTouchedWithinIt() {
        // N = 1: D3 (touched after 2 days) no longer counts -> L1, D1 = 2
        JsonPath strict = given().auth()
                .oauth2(head())
                .queryParam("month", "2026-11")
                .queryParam("touchDays", "1")
                .when()
                .get("/api/v1/metrics/dismissed-base")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(strict.getLong("figures.transfers[0].touched")).isEqualTo(2);
    }

    @Test
    void cardsLeftBehindLongerThanTheLimitRaiseOneAlertAboutTheManagerWhoLeft() {
        // L3 left behind for 10 days (limit 3): one alert about Dmitry
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(head())
                        .when()
                        .get("/api/v1/alerts")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("findAll { it.alertType == 'DISMISSED_BASE_UNTRANSFERRED' }.conditionKey")
                        .equals(List.of("DISMISSED_BASE_UNTRANSFERRED:manager:" + DMITRY)));
    }

    @Test
    void theTeamTheManagerLeftFromHoldsHimHisCardsLeftBehindAndTheCohortCardsClosedInIt() {
        // team 1: Dmitry (who left from team 1) and L3; of the cohort only D1, won on 12 Nov while Anna was in team 1
        // (her move on 15 Nov does not take it along): 1 card, touched 1, won 1; baseline: L3 (open, its owner
        // Dmitry's team) = 1 card, still idle 1
        await().atMost(Duration.ofSeconds(30))
                .until(() -> answer(head(), "teamId", SALES_1.toString()).getLong("figures.transfers[0].cards") == 1);
        JsonPath team1 = answer(head(), "teamId", SALES_1.toString());
        assertThat(team1.getLong("figures.transfers[0].touched")).isEqualTo(1);
        assertThat(team1.getLong("figures.transfers[0].won")).isEqualTo(1);
        assertThat(team1.getLong("figures.transfers[0].lost")).isZero();
        assertThat(team1.getLong("figures.baseline.cards")).isEqualTo(1);
        assertThat(team1.getLong("figures.baseline.stillIdle")).isEqualTo(1);
        assertThat(team1.getLong("figures.openCardsStillOwned")).isEqualTo(1);
        assertThat(team1.getList("drillDown.items.cardId")).containsExactly(L3.toString());
        assertThat(answer(head(), "teamId", SALES_1.toString(), "figure", "transfer", "transferId", TRANSFER.toString())
                        .getList("drillDown.items.cardId"))
                .containsExactly(D1.toString());
        assertThat(answer(head(), "teamId", SALES_1.toString(), "figure", "baseline")
                        .getList("drillDown.items.cardId"))
                .containsExactly(L3.toString());
    }

    @Test
    void aTransferIsListedForATeamOnlyWhenItCarriedOneOfTheTeamsCards() {
        // the transfer moved L1, L2, D1, D2, D3 to Anna and Boris (teams 1 and 2); team 3 (Gleb) got none of them:
        // for team 3 no cohort at all, not one of 0 cards, and drilling into the transfer lists nothing
        assertThat(answer(head()).getList("figures.transfers.transferId")).containsExactly(TRANSFER.toString());
        JsonPath team3 = answer(head(), "teamId", SALES_3.toString());
        assertThat(team3.getList("figures.transfers")).isEmpty();
        assertThat(answer(head(), "teamId", SALES_3.toString(), "figure", "transfer", "transferId", TRANSFER.toString())
                        .getList("drillDown.items"))
                .isEmpty();
        // teams 1 and 2 list it, with the 1 and the 4 cards that are theirs
        assertThat(answer(head(), "teamId", SALES_1.toString()).getLong("figures.transfers[0].cards"))
                .isEqualTo(1);
        assertThat(answer(head(), "teamId", SALES_2.toString()).getLong("figures.transfers[0].cards"))
                .isEqualTo(4);
    }

    @Test
    void aTeamWithoutADismissedManagerCountsTheCohortCardsItsManagersHoldNow() {
        // team 2: no dismissed manager; the cohort's L1, D3 (Anna's, open: her team now), L2 (Boris's, rejected),
        // D2 (Boris's, open) = 4 cards; touched within 3 days L1, D3 = 2 (0.5); won 0; lost L2 (0.25); still idle D2
        // (0.25); baseline: V1, V2 = 2, touched V1 (0.5)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> answer(head(), "teamId", SALES_2.toString()).getLong("figures.transfers[0].cards") == 4);
        JsonPath team2 = answer(head(), "teamId", SALES_2.toString());
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
    }

    /** Runs last: it adds a card to the scenario, which every other rule reads as it was. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aForeignCurrencyDealLeftBehindIsListedFirstAtItsAmountInTheBaseCurrency() {
        // later, deal-service reports D4, a dollar deal Dmitry opened on 1 Oct that no transfer moved (not November's,
        // so the baseline does not change): he still owns 2 cards, D4 first (the older); its amount in the base
        // currency at today's rate: 1 000 USD x 90 = 90 000.00
        UUID d4 = UUID.randomUUID();
        new EventPublisher(kafka, tenant)
                .publish(
                        DealEvents.exchangeRate("USD", "2026-10-01", "90"),
                        DealEvents.deal(d4, DMITRY, PIPELINE, S1, "D4", "1000", "USD", "2026-10-01T12:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> answer(head()).getLong("figures.openCardsStillOwned") == 2
                        && answer(head())
                                .getList("drillDown.items.amount", Double.class)
                                .contains(90000.0));
        JsonPath withDeal = answer(head());
        assertThat(withDeal.getList("drillDown.items.cardId")).containsExactly(d4.toString(), L3.toString());
        assertThat(withDeal.getList("drillDown.items.title")).containsExactly("D4", "L3");
        assertThat(withDeal.getList("drillDown.items.amount", Double.class)).containsExactly(90000.0, null);
        assertThat(withDeal.getLong("figures.baseline.cards")).isEqualTo(3);
    }

    @Test
    void anArchivedLeadIsKeptOutOfTheBaselineAndNeverReportedAsStillIdle() {
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
    private static Map<String, Object> item(JsonPath answer, UUID card) {
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
