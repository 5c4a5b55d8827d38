package com.salespulse.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.salespulse.localstack.LocalStack;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * amoCRM webhooks in amoCRM's published form format posted to integration-service of the real suite (packaged
 * lead-, deal-, analytics- and integration-service on a real PostgreSQL and Kafka), with only the public APIs: a head
 * connects the account and maps its pipeline, statuses and users; a lead's life, a repeated delivery and a win
 * delivered before the changes that led to it end as the right deal in deal-service and in the head's figures, on
 * amoCRM's dates; a status nobody mapped is parked in the visible queue and applied once the head maps it.
 */
class AmoCrmWebhookIT {

    private static final String TENANT = "e2e-amocrm";
    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    private static final long DAY = 86_400;
    private static final String SUBDOMAIN = "acme";
    private static final String ACCOUNT_ID = "29085718";

    private static final long PIPELINE = 678;
    private static final long FIRST_CONTACT = 11_100;
    private static final long PROPOSAL = 22_200;
    private static final long NEGOTIATION = 33_300;
    private static final long WON = 142;
    private static final long OLGA = 999;
    private static final long IVAN = 1000;
    private static final UUID IVAN_MANAGER = UUID.randomUUID();

    private static LocalStack stack;
    private static String webhook;
    private static String connectionId;
    private static String olgaManager;
    private static Map<String, String> stages;
    private static Map<String, Object> mapping;

    @BeforeAll
    static void startTheSuiteAndConnectTheAccount() {
        stack = SuiteStack.get();
        Instant hired = Instant.now().minus(Duration.ofDays(400));

        // the roster and the pipeline under amoCRM's ids, as an import of the account would have left them
        olgaManager = asHead(service("lead-service"))
                .body(manager("Olga Smirnova", null, hired))
                .put("/api/v1/managers/by-ref/amocrm/{id}", OLGA)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        asHead(service("lead-service"))
                .body(manager("Ivan Petrov", IVAN_MANAGER, hired))
                .put("/api/v1/managers/by-ref/amocrm/{id}", IVAN)
                .then()
                .statusCode(201);
        JsonPath pipeline = asHead(service("deal-service"))
                .body(Map.of(
                        "name",
                        "Продажи",
                        "occurredAt",
                        hired.toString(),
                        "stages",
                        List.of(
                                stage("Первичный контакт", 10, "OPEN", FIRST_CONTACT),
                                stage("Предложение", 40, "OPEN", PROPOSAL),
                                stage("Переговоры", 70, "OPEN", NEGOTIATION),
                                stage("Успешно реализовано", 100, "WON", WON),
                                stage("Закрыто и не реализовано", 0, "LOST", 143))))
                .put("/api/v1/pipelines/by-ref/amocrm/{id}", PIPELINE)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        stages = pipeline.<Map<String, Object>>getList("stages").stream()
                .collect(Collectors.toMap(s -> (String) s.get("externalId"), s -> (String) s.get("id")));

        // the head connects the account and maps it: by id and by reference, NEGOTIATION left out for now
        JsonPath connection = asHead(service("integration-service"))
                .body(Map.of("name", SUBDOMAIN))
                .post("/api/v1/amocrm/connections")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        connectionId = connection.getString("connection.id");
        String url = connection.getString("webhookUrl");
        webhook = service("integration-service") + url.substring(url.indexOf("/api/v1/"));
        mapping = mapping(List.of(FIRST_CONTACT, PROPOSAL));
        putMapping(mapping);
    }

    @Test
    void aLeadsLifeWithARepeatedDeliveryEndsAsTheWonDealAndInTheFiguresOnAmoCrmsDates() {
        Instant t0 =
                LocalDate.now(ZONE).minusDays(40).atTime(10, 0).atZone(ZONE).toInstant();
        long t = t0.getEpochSecond();
        AmoLead lead = new AmoLead(18_400_211, "Лицензии на 12 мест", FIRST_CONTACT, 30_000, OLGA, t, t);

        deliver(contact(5001, "Анна Петрова", "+7 912 345-67-89", t - 3600, lead.id()));
        deliver(lead("add", lead, null));
        deliver(lead("status", lead.at(PROPOSAL, 30_000, OLGA, t + DAY), FIRST_CONTACT));
        String repriced = lead("update", lead.at(PROPOSAL, 36_000, OLGA, t + 2 * DAY), null);
        deliver(repriced);
        // amoCRM retries a delivery it thinks failed: stored once, applied once
        JsonPath repeat = post(repriced);
        assertThat(repeat.getInt("accepted")).isZero();
        assertThat(repeat.getInt("repeats")).isEqualTo(1);
        deliver(lead("responsible", lead.at(PROPOSAL, 36_000, IVAN, t + 3 * DAY), null));
        String won = lead("status", lead.at(WON, 36_000, IVAN, t + 5 * DAY), PROPOSAL);
        deliver(won);

        JsonPath deal = awaitDeal(lead.id(), d -> "WON".equals(d.getString("status")));
        assertThat(deal.getString("stageId")).isEqualTo(stages.get(String.valueOf(WON)));
        assertThat(deal.getDouble("amount")).isEqualTo(36_000.0);
        assertThat(deal.getString("currency")).isEqualTo("RUB");
        assertThat(deal.getString("managerId")).isEqualTo(IVAN_MANAGER.toString());
        assertThat(deal.getString("clientName")).isEqualTo("Анна Петрова");
        assertThat(Instant.parse(deal.getString("openedAt"))).isEqualTo(t0);
        assertThat(Instant.parse(deal.getString("closedAt"))).isEqualTo(t0.plusSeconds(5 * DAY));
        assertThat(post(won).getInt("repeats")).isEqualTo(1);

        // the head's figures of the week of the win, not of the day the webhooks came
        Map<String, Object> period = Map.of("from", day(t0), "to", day(t0.plusSeconds(5 * DAY)));
        JsonPath check = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> metric("average-check", period), m -> m.getInt("figures.overall.wonDeals") == 1);
        assertThat(check.getDouble("figures.overall.revenue")).isEqualTo(36_000.0);
        assertThat(check.getDouble("figures.overall.mean")).isEqualTo(36_000.0);
        assertThat(check.getString("figures.byManager[0].managerId")).isEqualTo(IVAN_MANAGER.toString());
        JsonPath cycle = metric("deal-cycle", period);
        assertThat(cycle.getInt("figures.overall.wonDeals")).isEqualTo(1);
        assertThat(cycle.getDouble("figures.overall.meanCalendarDays")).isEqualTo(5.0);
        // a day in the first stage, four in the proposal, each from amoCRM's time of the move
        assertThat(stageDays(cycle, FIRST_CONTACT)).isEqualTo(1.0);
        assertThat(stageDays(cycle, PROPOSAL)).isEqualTo(4.0);
        JsonPath today =
                metric("average-check", Map.of("from", LocalDate.now(ZONE).minusDays(1), "to", LocalDate.now(ZONE)));
        assertThat(today.getInt("figures.overall.wonDeals"))
                .as("wins on the day the webhooks came")
                .isZero();
    }

    @Test
    void aWinDeliveredBeforeTheChangesThatLedToItStaysWonAndTheLateChangesAreSuperseded() {
        Instant t0 =
                LocalDate.now(ZONE).minusDays(70).atTime(11, 0).atZone(ZONE).toInstant();
        long t = t0.getEpochSecond();
        AmoLead lead = new AmoLead(18_400_212, "Сервер", FIRST_CONTACT, 50_000, OLGA, t, t);

        deliver(contact(5002, "Пётр Сидоров", "+7 912 000-00-02", t - 3600, lead.id()));
        deliver(lead("add", lead, null));
        deliver(lead("status", lead.at(WON, 50_000, OLGA, t + 4 * DAY), FIRST_CONTACT));
        awaitDeal(lead.id(), d -> "WON".equals(d.getString("status")));

        // amoCRM's deliveries of the two days before the win arrive after it
        deliver(lead("status", lead.at(PROPOSAL, 45_000, OLGA, t + 2 * DAY), FIRST_CONTACT));
        deliver(lead("update", lead.at(PROPOSAL, 47_000, OLGA, t + 3 * DAY), null));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> entriesOf(lead.id(), "SUPERSEDED").size() == 2);
        assertThat(entriesOf(lead.id(), "PENDING")).isEmpty();
        assertThat(entriesOf(lead.id(), "FAILED")).isEmpty();
        JsonPath deal = dealByRef(lead.id());
        assertThat(deal.getString("status")).isEqualTo("WON");
        assertThat(deal.getDouble("amount")).isEqualTo(50_000.0);
        assertThat(Instant.parse(deal.getString("closedAt"))).isEqualTo(t0.plusSeconds(4 * DAY));

        Map<String, Object> period = Map.of("from", day(t0), "to", day(t0.plusSeconds(4 * DAY)));
        JsonPath check = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> metric("average-check", period), m -> m.getInt("figures.overall.wonDeals") == 1);
        assertThat(check.getDouble("figures.overall.revenue")).isEqualTo(50_000.0);
        assertThat(check.getString("figures.byManager[0].managerId")).isEqualTo(olgaManager);
        assertThat(metric("deal-cycle", period).getDouble("figures.overall.meanCalendarDays"))
                .isEqualTo(4.0);
    }

    @Test
    void aStatusWithNoMappingIsParkedVisiblyAndAppliedOnceTheHeadMapsIt() {
        Instant t0 =
                LocalDate.now(ZONE).minusDays(20).atTime(12, 0).atZone(ZONE).toInstant();
        long t = t0.getEpochSecond();
        AmoLead lead = new AmoLead(18_400_300, "Кассы", FIRST_CONTACT, 20_000, OLGA, t, t);

        deliver(contact(5003, "Мария Кузнецова", "+7 912 000-00-03", t - 3600, lead.id()));
        deliver(lead("add", lead, null));
        awaitDeal(lead.id(), d -> stages.get(String.valueOf(FIRST_CONTACT)).equals(d.getString("stageId")));
        deliver(lead("status", lead.at(NEGOTIATION, 20_000, OLGA, t + DAY), FIRST_CONTACT));
        deliver(lead("update", lead.at(NEGOTIATION, 25_000, OLGA, t + 2 * DAY), null));

        JsonPath parked = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(AmoCrmWebhookIT::parked, p -> p.getInt("total") == 2);
        assertThat(parked.getList("items.amoId", String.class)).containsOnly(String.valueOf(lead.id()));
        assertThat(parked.getString("items[0].action")).isEqualTo("status");
        assertThat(parked.getString("items[0].reason")).isEqualTo("status 33300 of pipeline 678 has no mapping");
        assertThat(parked.getString("items[1].reason")).startsWith("waits behind entry ");
        JsonPath waiting = dealByRef(lead.id());
        assertThat(waiting.getString("stageId")).isEqualTo(stages.get(String.valueOf(FIRST_CONTACT)));
        assertThat(waiting.getDouble("amount")).isEqualTo(20_000.0);

        putMapping(mapping(List.of(FIRST_CONTACT, PROPOSAL, NEGOTIATION)));

        JsonPath deal = awaitDeal(lead.id(), d -> d.getDouble("amount") == 25_000.0);
        assertThat(deal.getString("stageId")).isEqualTo(stages.get(String.valueOf(NEGOTIATION)));
        assertThat(deal.getString("status")).isEqualTo("OPEN");
        assertThat(parked().getInt("total")).isZero();
        assertThat(entriesOf(lead.id(), "APPLIED"))
                .extracting(e -> e.get("action"))
                .containsExactly("add", "status", "update");
    }

    // ---------------------------------------------------------------- amoCRM's form format

    /** The state of a lead as amoCRM sends it in every lead event; all in pipeline {@link #PIPELINE}. */
    private record AmoLead(
            long id, String name, long statusId, long price, long responsibleUserId, long createdAt, long updatedAt) {

        AmoLead at(long status, long newPrice, long responsible, long updated) {
            return new AmoLead(id, name, status, newPrice, responsible, createdAt, updated);
        }
    }

    /** {@code leads[<action>][0][...]} as amoCRM posts it; a status change names the old status and pipeline. */
    private static String lead(String action, AmoLead lead, Long oldStatusId) {
        List<String[]> pairs = new ArrayList<>();
        String p = "leads[" + action + "][0]";
        pairs.add(pair(p + "[id]", lead.id()));
        pairs.add(pair(p + "[name]", lead.name()));
        pairs.add(pair(p + "[status_id]", lead.statusId()));
        pairs.add(pair(p + "[pipeline_id]", PIPELINE));
        if (oldStatusId != null) {
            pairs.add(pair(p + "[old_status_id]", oldStatusId));
            pairs.add(pair(p + "[old_pipeline_id]", PIPELINE));
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
        return delivery(pairs);
    }

    /** {@code contacts[add][0][...]} with a phone, linked to a lead. */
    private static String contact(long id, String name, String phone, long createdAt, long lead) {
        List<String[]> pairs = new ArrayList<>();
        String p = "contacts[add][0]";
        pairs.add(pair(p + "[id]", id));
        pairs.add(pair(p + "[name]", name));
        pairs.add(pair(p + "[responsible_user_id]", OLGA));
        pairs.add(pair(p + "[date_create]", createdAt));
        pairs.add(pair(p + "[last_modified]", createdAt));
        pairs.add(pair(p + "[account_id]", ACCOUNT_ID));
        pairs.add(pair(p + "[custom_fields][0][id]", 54667));
        pairs.add(pair(p + "[custom_fields][0][name]", "Телефон"));
        pairs.add(pair(p + "[custom_fields][0][values][0][value]", phone));
        pairs.add(pair(p + "[custom_fields][0][values][0][enum]", 114611));
        pairs.add(pair(p + "[custom_fields][0][code]", "PHONE"));
        pairs.add(pair(p + "[linked_leads_id][" + lead + "][ID]", lead));
        pairs.add(pair(p + "[created_at]", createdAt));
        pairs.add(pair(p + "[updated_at]", createdAt));
        pairs.add(pair(p + "[type]", "contact"));
        return delivery(pairs);
    }

    /** One change as a delivery: its pairs, then the account, form-encoded. */
    private static String delivery(List<String[]> pairs) {
        List<String[]> all = new ArrayList<>(pairs);
        all.add(pair("account[subdomain]", SUBDOMAIN));
        all.add(pair("account[id]", ACCOUNT_ID));
        all.add(pair("account[_links][self]", "https://" + SUBDOMAIN + ".amocrm.ru"));
        return all.stream()
                .map(kv -> URLEncoder.encode(kv[0], StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(kv[1], StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String[] pair(String key, Object value) {
        return new String[] {key, String.valueOf(value)};
    }

    /** Posts a delivery to the webhook URL as amoCRM does: no token, form-encoded. */
    private static JsonPath post(String body) {
        return given().config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded")
                .body(body)
                .post(webhook)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void deliver(String body) {
        assertThat(post(body).getInt("accepted"))
                .as("changes stored from %s", body)
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- the head's side

    /** Pipeline 678 by reference, WON by reference, LOST by id; FIRST_CONTACT by id, the others by reference. */
    private static Map<String, Object> mapping(List<Long> statuses) {
        return Map.of(
                "currency", "RUB",
                "source", "amocrm",
                "pipelines",
                        List.of(Map.of(
                                "amoPipelineId",
                                PIPELINE,
                                "pipelineRef",
                                ref(PIPELINE),
                                "wonStageRef",
                                ref(WON),
                                "lostStageId",
                                stages.get("143"))),
                "statuses",
                        statuses.stream()
                                .map(s -> s == FIRST_CONTACT
                                        ? Map.<String, Object>of(
                                                "amoPipelineId",
                                                PIPELINE,
                                                "amoStatusId",
                                                s,
                                                "stageId",
                                                stages.get(String.valueOf(s)))
                                        : Map.<String, Object>of(
                                                "amoPipelineId", PIPELINE, "amoStatusId", s, "stageRef", ref(s)))
                                .toList(),
                "users",
                        List.of(
                                Map.of("amoUserId", OLGA, "managerRef", ref(OLGA)),
                                Map.of("amoUserId", IVAN, "managerId", IVAN_MANAGER.toString())));
    }

    private static void putMapping(Map<String, Object> body) {
        asHead(service("integration-service"))
                .body(body)
                .put("/api/v1/amocrm/connections/{id}/mapping", connectionId)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200);
    }

    private static JsonPath parked() {
        return JsonPath.from(asHead(service("integration-service"))
                .get("/api/v1/amocrm/connections/{id}/parked", connectionId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static List<Map<String, Object>> entriesOf(long leadId, String state) {
        List<Map<String, Object>> items = asHead(service("integration-service"))
                .queryParam("state", state)
                .queryParam("size", 100)
                .get("/api/v1/amocrm/connections/{id}/entries", connectionId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return items.stream()
                .filter(e -> String.valueOf(leadId).equals(e.get("amoId")))
                .toList();
    }

    private static JsonPath dealByRef(long leadId) {
        return JsonPath.from(asHead(service("deal-service"))
                .get("/api/v1/deals/by-ref/amocrm/{id}", leadId)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static JsonPath awaitDeal(long leadId, java.util.function.Predicate<JsonPath> state) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            var answer =
                                    asHead(service("deal-service")).get("/api/v1/deals/by-ref/amocrm/{id}", leadId);
                            return answer.statusCode() == 200 ? JsonPath.from(answer.asString()) : null;
                        },
                        deal -> deal != null && state.test(deal));
    }

    private static JsonPath metric(String name, Map<String, ?> params) {
        RequestSpecification request = asHead(service("analytics-service"));
        params.forEach((key, value) -> request.queryParam(key, String.valueOf(value)));
        return JsonPath.from(request.get("/api/v1/metrics/" + name)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static double stageDays(JsonPath cycle, long amoStatus) {
        return cycle.getDouble(
                "figures.byStage.find { it.stageId == '" + stages.get(String.valueOf(amoStatus)) + "' }.meanDays");
    }

    private static Map<String, Object> manager(String name, UUID id, Instant hiredAt) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "name",
                name,
                "capacity",
                30,
                "occurredAt",
                hiredAt.toString(),
                "shifts",
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                        .map(d -> Map.of("day", d, "start", "09:00:00", "end", "18:00:00"))
                        .toList()));
        if (id != null) {
            body.put("id", id.toString());
        }
        return body;
    }

    private static Map<String, Object> stage(String name, int probability, String kind, long amoStatus) {
        return Map.of(
                "name",
                name,
                "probability",
                probability,
                "kind",
                kind,
                "externalSystem",
                "amocrm",
                "externalId",
                String.valueOf(amoStatus));
    }

    private static Map<String, String> ref(long amoId) {
        return Map.of("externalSystem", "amocrm", "externalId", String.valueOf(amoId));
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    private static RequestSpecification asHead(String baseUri) {
        return given().baseUri(baseUri)
                .auth()
                .oauth2(stack.tokens().head(TENANT))
                .contentType(ContentType.JSON);
    }

    private static String service(String name) {
        return stack.service(name).spec().url();
    }
}
