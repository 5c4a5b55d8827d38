package com.salespulse.integration;

import static io.restassured.RestAssured.given;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Webhook bodies as amoCRM posts them: {@code application/x-www-form-urlencoded}, PHP-style keys
 * ({@code leads[status][0][status_id]}), amoCRM's own ids, unix seconds, the account at the end. The keys and their
 * shapes follow amoCRM's published webhook format (amoCRM's developer docs, "Webhooks": leads, contacts, tasks and
 * notes with {@code id}, {@code status_id}, {@code old_status_id}, {@code pipeline_id}, {@code price},
 * {@code responsible_user_id}, {@code last_modified}, {@code created_at}/{@code updated_at}, {@code custom_fields}).
 */
final class AmoCrmPayloads {

    static final String SUBDOMAIN = "acme";
    static final String ACCOUNT_ID = "29085718";

    private AmoCrmPayloads() {}

    /** The state of a lead as amoCRM sends it in every lead event. */
    record Lead(
            long id,
            String name,
            long pipelineId,
            long statusId,
            long price,
            long responsibleUserId,
            long createdAt,
            long updatedAt) {

        Lead at(long statusId, long price, long responsibleUserId, long updatedAt) {
            return new Lead(id, name, pipelineId, statusId, price, responsibleUserId, createdAt, updatedAt);
        }
    }

    /** {@code leads[<action>][0][...]}; a status change also names the old status and pipeline. */
    static String lead(String action, Lead lead, Long oldStatusId) {
        List<String[]> pairs = new ArrayList<>();
        String p = "leads[" + action + "][0]";
        pairs.add(pair(p + "[id]", lead.id()));
        pairs.add(pair(p + "[name]", lead.name()));
        pairs.add(pair(p + "[status_id]", lead.statusId()));
        pairs.add(pair(p + "[pipeline_id]", lead.pipelineId()));
        if (oldStatusId != null) {
            pairs.add(pair(p + "[old_status_id]", oldStatusId));
            pairs.add(pair(p + "[old_pipeline_id]", lead.pipelineId()));
        }
        pairs.add(pair(p + "[price]", lead.price()));
        pairs.add(pair(p + "[responsible_user_id]", lead.responsibleUserId()));
        pairs.add(pair(p + "[last_modified]", lead.updatedAt()));
        pairs.add(pair(p + "[modified_user_id]", lead.responsibleUserId()));
        pairs.add(pair(p + "[created_user_id]", 0));
        pairs.add(pair(p + "[date_create]", lead.createdAt()));
        pairs.add(pair(p + "[account_id]", ACCOUNT_ID));
        pairs.add(pair(p + "[custom_fields][0][id]", 66339));
        pairs.add(pair(p + "[custom_fields][0][name]", "Источник"));
        pairs.add(pair(p + "[custom_fields][0][values][0][value]", "Сайт"));
        pairs.add(pair(p + "[custom_fields][0][values][0][enum]", 139517));
        pairs.add(pair(p + "[created_at]", lead.createdAt()));
        pairs.add(pair(p + "[updated_at]", lead.updatedAt()));
        return encode(pairs);
    }

    /** {@code contacts[add][0][...]} with a phone and an e-mail, linked to leads. */
    static String contact(String action, long id, String name, String phone, long createdAt, long... leads) {
        List<String[]> pairs = new ArrayList<>();
        String p = "contacts[" + action + "][0]";
        pairs.add(pair(p + "[id]", id));
        pairs.add(pair(p + "[name]", name));
        pairs.add(pair(p + "[responsible_user_id]", 999));
        pairs.add(pair(p + "[date_create]", createdAt));
        pairs.add(pair(p + "[last_modified]", createdAt));
        pairs.add(pair(p + "[created_user_id]", 0));
        pairs.add(pair(p + "[modified_user_id]", 999));
        pairs.add(pair(p + "[account_id]", ACCOUNT_ID));
        pairs.add(pair(p + "[custom_fields][0][id]", 54667));
        pairs.add(pair(p + "[custom_fields][0][name]", "Телефон"));
        pairs.add(pair(p + "[custom_fields][0][values][0][value]", phone));
        pairs.add(pair(p + "[custom_fields][0][values][0][enum]", 114611));
        pairs.add(pair(p + "[custom_fields][0][code]", "PHONE"));
        pairs.add(pair(p + "[custom_fields][1][id]", 54669));
        pairs.add(pair(p + "[custom_fields][1][name]", "Email"));
        pairs.add(pair(p + "[custom_fields][1][values][0][value]", "anna@example.com"));
        pairs.add(pair(p + "[custom_fields][1][values][0][enum]", 114621));
        pairs.add(pair(p + "[custom_fields][1][code]", "EMAIL"));
        for (long lead : leads) {
            pairs.add(pair(p + "[linked_leads_id][" + lead + "][ID]", lead));
        }
        pairs.add(pair(p + "[created_at]", createdAt));
        pairs.add(pair(p + "[updated_at]", createdAt));
        pairs.add(pair(p + "[type]", "contact"));
        return encode(pairs);
    }

    /** {@code task[add][0][...]} of a lead. */
    static String task(
            String action,
            long id,
            long leadId,
            String text,
            long responsibleUserId,
            long completeTill,
            int status,
            long at) {
        List<String[]> pairs = new ArrayList<>();
        String p = "task[" + action + "][0]";
        pairs.add(pair(p + "[id]", id));
        pairs.add(pair(p + "[element_id]", leadId));
        pairs.add(pair(p + "[element_type]", 2));
        pairs.add(pair(p + "[task_type]", 1));
        pairs.add(pair(p + "[date_create]", at));
        pairs.add(pair(p + "[text]", text));
        pairs.add(pair(p + "[status]", status));
        pairs.add(pair(p + "[account_id]", ACCOUNT_ID));
        pairs.add(pair(p + "[created_user_id]", responsibleUserId));
        pairs.add(pair(p + "[last_modified]", at));
        pairs.add(pair(p + "[responsible_user_id]", responsibleUserId));
        pairs.add(pair(p + "[complete_till]", completeTill));
        pairs.add(pair(p + "[action_close]", 1));
        pairs.add(pair(p + "[created_at]", at));
        pairs.add(pair(p + "[updated_at]", at));
        return encode(pairs);
    }

    /** Several changes in one delivery, as amoCRM batches them: the bodies joined, the account once at the end. */
    static String delivery(String... changes) {
        return String.join("&", changes) + "&"
                + encode(List.of(
                        pair("account[subdomain]", SUBDOMAIN),
                        pair("account[id]", ACCOUNT_ID),
                        pair("account[_links][self]", "https://" + SUBDOMAIN + ".amocrm.ru")));
    }

    /** Posts a body to a webhook URL path as amoCRM does: no token, form-encoded. */
    static Response post(String path, String body) {
        return given().config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded")
                .body(body)
                .when()
                .post(path);
    }

    /** Creates a connection and answers (id, webhook path). */
    static String[] connect(String token, String name, String system) {
        JsonPath created = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(system == null ? Map.of("name", name) : Map.of("name", name, "externalSystem", system))
                .when()
                .post("/api/v1/amocrm/connections")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String url = created.getString("webhookUrl");
        return new String[] {created.getString("connection.id"), url.substring(url.indexOf("/api/v1/"))};
    }

    private static String[] pair(String key, Object value) {
        return new String[] {key, String.valueOf(value)};
    }

    private static String encode(List<String[]> pairs) {
        return pairs.stream()
                .map(p -> URLEncoder.encode(p[0], StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p[1], StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
