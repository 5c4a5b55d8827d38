package com.salespulse.lead;

import static io.restassured.RestAssured.given;

import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds a tenant's roster and leads through the API, as a head of sales would. */
final class Roster {

    /** Every weekday. */
    static final String[] WEEK = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};

    final String tenant;
    final String head;

    private Roster(String tenant) {
        this.tenant = tenant;
        this.head = TestTokens.head(tenant);
    }

    /** A fresh tenant, so tests never see each other's managers and leads. */
    static Roster newTenant() {
        return new Roster(TestTenants.fresh());
    }

    RequestSpecification asHead() {
        return given().auth().oauth2(head).contentType(ContentType.JSON);
    }

    /** A shift list: the same window on every weekday. */
    static String everyDay(String start, String end) {
        return Stream.of(WEEK)
                .map(d -> "{\"day\":\"" + d + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    String team(String name) {
        return asHead().body("{\"name\":\"" + name + "\"}")
                .when()
                .post("/api/v1/teams")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    String hire(String name, int capacity, String shiftsJson) {
        return hire(name, capacity, shiftsJson, null);
    }

    String hire(String name, int capacity, String shiftsJson, String teamId) {
        String team = teamId == null ? "" : ",\"teamId\":\"" + teamId + "\"";
        return asHead().body("{\"name\":\"" + name + "\",\"capacity\":" + capacity + ",\"shifts\":" + shiftsJson + team
                        + "}")
                .when()
                .post("/api/v1/managers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Hires with a given id, the one the manager's token carries. */
    void hire(UUID id, String name) {
        asHead().body("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"capacity\":50,\"shifts\":"
                        + everyDay("00:00", "23:59") + "}")
                .when()
                .post("/api/v1/managers")
                .then()
                .statusCode(201);
    }

    void settings(String json) {
        asHead().body(json).when().patch("/api/v1/settings").then().statusCode(200);
    }

    /** A lead with this phone, given by the tenant's rule; answers its id. */
    String lead(String phone) {
        return asHead().body("{\"source\":\"website\",\"phone\":\"" + phone + "\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    String leadFor(String managerId, String phone) {
        return asHead().body("{\"source\":\"website\",\"phone\":\"" + phone + "\",\"managerId\":\"" + managerId + "\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A manager leaving with one open lead and a colleague taking it: the dismissal's card transfer, under way. */
    Transfer transferOfOneLead(String phone) {
        String leaving = hire("Leaving Lena", 10, everyDay("00:00", "23:59"));
        String taker = hire("Taking Tanya", 10, everyDay("00:00", "23:59"));
        leadFor(leaving, phone);
        String id = asHead().body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerIds\":[\"" + taker + "\"]}")
                .when()
                .post("/api/v1/managers/" + leaving + "/dismissal")
                .then()
                .statusCode(200)
                .extract()
                .path("transferId");
        return new Transfer(leaving, taker, id);
    }

    /** A card transfer from the leaving manager to the taker, by its id. */
    record Transfer(String leaving, String taker, String id) {}

    String managerOf(String leadId) {
        return asHead().when()
                .get("/api/v1/leads/" + leadId)
                .then()
                .statusCode(200)
                .extract()
                .path("managerId");
    }
}
