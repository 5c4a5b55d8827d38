package com.salespulse.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The roster and the teams are paged and sorted by ?page, ?size and ?sort, the id breaking ties. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RosterListTest {

    @Test
    void managersPageBySortedFieldWithTheIdBreakingTies() {
        Roster roster = Roster.newTenant();
        String week = Roster.everyDay("09:00", "18:00");
        String anna = roster.hire("Anna", 5, week);
        String boris = roster.hire("Boris", 5, week);
        String vera = roster.hire("Vera", 3, week);
        // capacity 5 twice: descending, the larger id (as PostgreSQL orders uuids: its hex text) comes first
        List<String> fives =
                Stream.of(anna, boris).sorted((a, b) -> b.compareTo(a)).toList();

        JsonPath first = managers(roster, "sort=-capacity&size=2&page=0");
        assertThat(first.getList("items.id", String.class)).containsExactlyElementsOf(fives);
        assertThat(first.getInt("total")).isEqualTo(3);
        JsonPath second = managers(roster, "sort=-capacity&size=2&page=1");
        assertThat(second.getList("items.id", String.class)).containsExactly(vera);
        assertThat(second.getInt("page")).isEqualTo(1);
        assertThat(second.getInt("size")).isEqualTo(2);

        // ascending: Vera (3) first, then the fives in ascending id order
        assertThat(managers(roster, "sort=capacity").getList("items.id", String.class))
                .containsExactly(vera, fives.get(1), fives.get(0));
        // left out: by name
        assertThat(managers(roster, "").getList("items.name", String.class)).containsExactly("Anna", "Boris", "Vera");
        assertThat(managers(roster, "sort=-name&size=1&page=3").getList("items"))
                .isEmpty();
    }

    @Test
    void teamsPageByNameEitherWay() {
        Roster roster = Roster.newTenant();
        String alpha = roster.team("Alpha");
        String bravo = roster.team("Bravo");
        String charlie = roster.team("Charlie");

        JsonPath first = teams(roster, "sort=-name&size=2");
        assertThat(first.getList("items.id", String.class)).containsExactly(charlie, bravo);
        assertThat(first.getInt("total")).isEqualTo(3);
        assertThat(teams(roster, "sort=-name&size=2&page=1").getList("items.id", String.class))
                .containsExactly(alpha);
        assertThat(teams(roster, "").getList("items.name", String.class)).containsExactly("Alpha", "Bravo", "Charlie");
    }

    @Test
    void aSortOutsideTheListsFieldsIsRefusedNamingSort() {
        Roster roster = Roster.newTenant();
        for (String path : List.of("/api/v1/managers", "/api/v1/teams")) {
            for (String sort : List.of("id", "", "-", "tenantId", "name,capacity")) {
                roster.asHead()
                        .queryParam("sort", sort)
                        .when()
                        .get(path)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("invalidFields", hasSize(1))
                        .body("invalidFields[0].field", equalTo("sort"));
            }
            roster.asHead()
                    .queryParam("size", 0)
                    .when()
                    .get(path)
                    .then()
                    .statusCode(400)
                    .body("invalidFields[0].field", equalTo("size"));
        }
    }

    @Test
    void aManagerSeesTheWholeRosterAsBefore() {
        Roster roster = Roster.newTenant();
        UUID me = UUID.randomUUID();
        roster.hire(me, "Anna");
        roster.hire("Boris", 5, Roster.everyDay("09:00", "18:00"));
        String manager = TestTokens.manager(roster.tenant, me);
        given().auth()
                .oauth2(manager)
                .when()
                .get("/api/v1/managers")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
    }

    private static JsonPath managers(Roster roster, String query) {
        return get(roster, "/api/v1/managers" + (query.isEmpty() ? "" : "?" + query));
    }

    private static JsonPath teams(Roster roster, String query) {
        return get(roster, "/api/v1/teams" + (query.isEmpty() ? "" : "?" + query));
    }

    private static JsonPath get(Roster roster, String url) {
        return roster.asHead().when().get(url).then().statusCode(200).extract().jsonPath();
    }
}
