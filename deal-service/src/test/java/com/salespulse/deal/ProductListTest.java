package com.salespulse.deal;

import static com.salespulse.deal.DealTestKit.asHead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Products are paged and sorted by ?page, ?size and ?sort, the id breaking ties. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ProductListTest {

    @Test
    void productsPageByPriceWithTheIdBreakingTies() {
        String tenant = TestTenants.fresh();
        String alpha = product(tenant, "Alpha", 100);
        String bravo = product(tenant, "Bravo", 100);
        String charlie = product(tenant, "Charlie", 50);
        // 100 twice: descending, the larger id (PostgreSQL orders uuids as their hex text) comes first
        List<String> hundreds =
                Stream.of(alpha, bravo).sorted((a, b) -> b.compareTo(a)).toList();

        assertThat(ids(tenant, "sort=-listPrice&size=2&page=0")).containsExactlyElementsOf(hundreds);
        assertThat(ids(tenant, "sort=-listPrice&size=2&page=1")).containsExactly(charlie);
        assertThat(ids(tenant, "sort=listPrice")).containsExactly(charlie, hundreds.get(1), hundreds.get(0));
        assertThat(ids(tenant, "size=5")).containsExactly(alpha, bravo, charlie);
        asHead(tenant)
                .get("/api/v1/products?size=2")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(2));
    }

    @Test
    void aSortOutsideTheListsFieldsIsRefusedNamingSort() {
        String tenant = TestTenants.fresh();
        for (String sort : List.of("id", "", "tenantId", "-active", "price")) {
            asHead(tenant)
                    .queryParam("sort", sort)
                    .get("/api/v1/products")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields", hasSize(1))
                    .body("invalidFields[0].field", equalTo("sort"));
        }
    }

    private static List<String> ids(String tenant, String query) {
        return asHead(tenant)
                .get("/api/v1/products?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
    }

    private static String product(String tenant, String name, int price) {
        return asHead(tenant)
                .body(Map.of(
                        "name", name, "category", "Licences", "unit", "licence", "listPrice", price, "currency", "RUB"))
                .post("/api/v1/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
