package com.salespulse.integration;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/** Uploads files and waits for jobs, as an integrator's script would. */
final class Imports {

    static final String NDJSON = "application/x-ndjson";

    private Imports() {}

    static String file(String... rows) {
        return Arrays.stream(rows).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Uploads and answers the new job's id (asserting the 202). */
    static String upload(String token, String file, boolean dryRun) {
        return given().auth()
                .oauth2(token)
                .contentType(NDJSON)
                .body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun)
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    static JsonPath job(String token, String id) {
        return given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/imports/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the job has ended and answers it. */
    static JsonPath awaitEnd(String token, String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !java.util.List.of("QUEUED", "RUNNING")
                        .contains(job(token, id).getString("status")));
        return job(token, id);
    }

    static Response skipped(String token, String id) {
        return given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/imports/" + id + "/skipped")
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    static Response errors(String token, String id) {
        return given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/imports/" + id + "/errors")
                .then()
                .statusCode(200)
                .extract()
                .response();
    }
}
