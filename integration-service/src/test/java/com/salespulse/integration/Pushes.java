package com.salespulse.integration;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Pushes CloudEvents as an integrator's client would, in each mode of the HTTP binding. */
final class Pushes {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    static final String SOURCE = "https://crm.example.com/amocrm";

    private Pushes() {}

    /** A fresh event id: events of different tests never share (source, id). */
    static String newId() {
        return "evt-" + UUID.randomUUID();
    }

    /** A structured-mode event (the JSON format) with the given data, a JSON object. */
    static String event(String id, String type, String time, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + SOURCE + "\",\"type\":\"" + type
                + "\"" + (time == null ? "" : ",\"time\":\"" + time + "\"")
                + ",\"datacontenttype\":\"application/json\""
                + ",\"data\":" + data + "}";
    }

    static Response structured(String token, String event) {
        return post(token, STRUCTURED, event);
    }

    static Response batch(String token, String... events) {
        return post(token, BATCH, "[" + String.join(",", events) + "]");
    }

    /** A binary-mode event: the attributes as ce-* headers, data the body. */
    static Response binary(String token, String id, String type, String time, String data) {
        RequestSpecification request = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", SOURCE)
                .header("ce-type", type);
        if (time != null) {
            request = request.header("ce-time", time);
        }
        return request.body(data.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/events");
    }

    static Response post(String token, String contentType, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/v1/events");
    }
}
