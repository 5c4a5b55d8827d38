package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.ManagementInterface;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The parameters every metric shares: the period's bounds, the years a date may fall in, the page. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class MetricParamsTest {

    private static final String PATH = "/api/v1/metrics/lead-inflow";

    @Test
    void toMayBe366DaysAfterFromAndNotOneMore() {
        // 2024 is a leap year: 1 Jan 2024 + 366 days = 1 Jan 2025
        head().queryParam("from", "2024-01-01")
                .queryParam("to", "2025-01-01")
                .when()
                .get(PATH)
                .then()
                .statusCode(200)
                .body("period.to", equalTo("2025-01-01"));
        refused(head().queryParam("from", "2024-01-01").queryParam("to", "2025-01-02"), "to");
    }

    @Test
    void aMonthOrDateOutsideTheYears1900To2100IsRefusedNamingIt() {
        refused(head().queryParam("month", "0000-01"), "month");
        refused(head().queryParam("month", "1899-12"), "month");
        refused(head().queryParam("month", "2101-01"), "month");
        refused(head().queryParam("from", "1899-12-31").queryParam("to", "1900-01-01"), "from");
        refused(head().queryParam("from", "2100-12-31").queryParam("to", "2101-01-01"), "to");
        head().queryParam("month", "1900-01").when().get(PATH).then().statusCode(200);
        head().queryParam("month", "2100-12").when().get(PATH).then().statusCode(200);
    }

    @Test
    void pageAndSizeAreWholeNumbersWithinTheirBoundsOrA400NamingThem() {
        refused(head().queryParam("month", "2026-11").queryParam("page", "-1"), "page");
        refused(head().queryParam("month", "2026-11").queryParam("page", "1.5"), "page");
        refused(head().queryParam("month", "2026-11").queryParam("size", "0"), "size");
        refused(head().queryParam("month", "2026-11").queryParam("size", "201"), "size");
        refused(head().queryParam("month", "2026-11").queryParam("size", "ten"), "size");
        head().queryParam("month", "2026-11")
                .queryParam("page", "0")
                .queryParam("size", "200")
                .when()
                .get(PATH)
                .then()
                .statusCode(200)
                .body("drillDown.size", equalTo(200));
    }

    @Test
    void theOpenApiDocumentTypesPageAndSizeAsBoundedIntegers() throws Exception {
        JsonPath openApi =
                JsonPath.from(ManagementInterface.get("/q/openapi?format=json").body());
        String parameters = "paths.'" + PATH + "'.get.parameters";
        assertThat(openApi.getString(parameters + ".find { it.name == 'page' }.schema.type"))
                .isEqualTo("integer");
        assertThat(openApi.getInt(parameters + ".find { it.name == 'page' }.schema.minimum"))
                .isZero();
        assertThat(openApi.getString(parameters + ".find { it.name == 'size' }.schema.type"))
                .isEqualTo("integer");
        assertThat(openApi.getInt(parameters + ".find { it.name == 'size' }.schema.minimum"))
                .isEqualTo(1);
        assertThat(openApi.getInt(parameters + ".find { it.name == 'size' }.schema.maximum"))
                .isEqualTo(200);
    }

    private static RequestSpecification head() {
        return given().auth().oauth2(TestTokens.head(TestTenants.fresh()));
    }

    private static void refused(RequestSpecification request, String parameter) {
        request.when()
                .get(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo(parameter));
    }
}
