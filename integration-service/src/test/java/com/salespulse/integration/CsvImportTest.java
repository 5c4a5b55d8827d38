package com.salespulse.integration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSV exports of amoCRM/Kommo and Bitrix24 (src/test/resources/csv, written as the CRMs write them: UTF-8 with a byte
 * order mark, Windows-1251, ';' and ',' separated, a quoted cell with a line break) become the suite's records and run
 * as import jobs. The owners are {@link OwnerStub}s over real HTTP, on purpose: what this test proves is the parsing,
 * the mapping of each row to the owners' PUT-by-reference calls (their exact paths and bodies, in the order the job
 * sends them) and the job around it (counts, per-row errors naming the export's row and column, dry run); what the
 * owners make of those calls is proven by their own by-reference tests. The job's database is the real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class CsvImportTest {

    private static final String TENANT = "csv-import";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void ownersAnswerLikeOwners() {
        OwnerStub.LEAD.reset();
        OwnerStub.DEAL.reset();
    }

    private static byte[] fixture(String name) {
        try (InputStream in = CsvImportTest.class.getResourceAsStream("/csv/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As curl sends it: RestAssured would add "; charset=ISO-8859-1" to a text/csv it is given without one. */
    private static RequestSpecification as(String token) {
        return given().config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth()
                .oauth2(token);
    }

    private static RequestSpecification asHead() {
        return as(TestTokens.head(TENANT));
    }

    private static String upload(String contentType, byte[] file, String layout, boolean dryRun) {
        return asHead().contentType(contentType)
                .body(file)
                .queryParam("format", "csv")
                .queryParam("layout", layout)
                .queryParam("dryRun", dryRun)
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(202)
                .body("format", equalTo("csv"))
                .body("layout", equalTo(layout))
                .extract()
                .path("id");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> puts(OwnerStub owner) {
        return puts(owner.calls());
    }

    private static List<String> puts(List<OwnerStub.Call> calls) {
        return calls.stream()
                .map(call -> call.method() + " " + java.net.URLDecoder.decode(call.path(), StandardCharsets.UTF_8))
                .toList();
    }

    /**
     * The amoCRM export run as a job (1 pipeline, 2 managers, 3 clients, 5 deals opened and 2 of them closed), with
     * the calls each owner took from it, in order. It runs once, for the first rule that reads it: what it holds are
     * copies, which no later test changes.
     */
    private record AmocrmImport(JsonPath job, List<OwnerStub.Call> lead, List<OwnerStub.Call> deal) {

        private static AmocrmImport ran;

        static synchronized AmocrmImport once() {
            if (ran == null) {
                String id = upload("text/csv", fixture("amocrm-leads.csv"), "amocrm-leads", false);
                JsonPath job = Imports.awaitEnd(TestTokens.head(TENANT), id);
                ran = new AmocrmImport(job, OwnerStub.LEAD.calls(), OwnerStub.DEAL.calls());
            }
            return ran;
        }
    }

    @Test
    void anAmocrmExportIsAppliedWholeForTheUploadersTenant() {
        AmocrmImport amocrm = AmocrmImport.once();

        assertThat(amocrm.job().getString("status")).isEqualTo("DONE");
        assertThat(amocrm.job().getInt("total")).isEqualTo(13);
        assertThat(amocrm.job().getInt("applied")).isEqualTo(13);
        assertThat(amocrm.job().getInt("failed")).isZero();
        assertThat(amocrm.lead()).noneMatch(OwnerStub.Call::dryRun);
        assertThat(amocrm.lead().get(0).token().path("tenant").asText()).isEqualTo(TENANT);
    }

    @Test
    void anAmocrmExportBecomesItsPipelineManagersClientsAndDealsInThatOrder() {
        AmocrmImport amocrm = AmocrmImport.once();

        assertThat(puts(amocrm.lead()))
                .containsExactly(
                        "PUT /api/v1/managers/by-ref/amocrm/Ольга Иванова",
                        "PUT /api/v1/managers/by-ref/amocrm/Павел Смирнов",
                        "PUT /api/v1/clients/by-ref/amocrm/company:ООО Ромашка",
                        "PUT /api/v1/clients/by-ref/amocrm/contact:Анна Кузнецова",
                        "PUT /api/v1/clients/by-ref/amocrm/company:ООО Вектор");
        assertThat(puts(amocrm.deal()))
                .containsExactly(
                        "PUT /api/v1/pipelines/by-ref/amocrm/Основная воронка",
                        "PUT /api/v1/deals/by-ref/amocrm/18400211",
                        "PUT /api/v1/deals/by-ref/amocrm/18400212",
                        "PUT /api/v1/deals/by-ref/amocrm/18400212",
                        "PUT /api/v1/deals/by-ref/amocrm/18400213",
                        "PUT /api/v1/deals/by-ref/amocrm/18400213",
                        "PUT /api/v1/deals/by-ref/amocrm/18400214",
                        "PUT /api/v1/deals/by-ref/amocrm/18400215");
    }

    @Test
    void thePipelineHasTheStagesInOrderOfFirstAppearanceThenAmocrmsClosingStatusesUnderTheExportsNames() {
        List<OwnerStub.Call> deal = AmocrmImport.once().deal();

        assertThat(deal.get(0).body()).isEqualTo(json("""
                {"name":"Основная воронка","occurredAt":"2025-01-10T10:00:00+03:00","stages":[
                 {"name":"Переговоры","probability":10,"kind":"OPEN","externalSystem":"amocrm",
                  "externalId":"Основная воронка:Переговоры"},
                 {"name":"Первичный контакт","probability":90,"kind":"OPEN","externalSystem":"amocrm",
                  "externalId":"Основная воронка:Первичный контакт"},
                 {"name":"Успешно реализовано","probability":100,"kind":"WON","externalSystem":"amocrm",
                  "externalId":"Основная воронка:won"},
                 {"name":"Закрыто и не реализовано","probability":0,"kind":"LOST","externalSystem":"amocrm",
                  "externalId":"Основная воронка:lost"}]}"""));
    }

    @Test
    void anOpenDealHasItsStageBudgetWithSpacesAndCompanyAndOpensAtItsCreationInMoscowTime() {
        List<OwnerStub.Call> deal = AmocrmImport.once().deal();

        assertThat(deal.get(1).body()).isEqualTo(json("""
                {"clientRef":{"externalSystem":"amocrm","externalId":"company:ООО Ромашка"},"clientName":"ООО Ромашка",
                 "managerRef":{"externalSystem":"amocrm","externalId":"Ольга Иванова"},
                 "pipelineRef":{"externalSystem":"amocrm","externalId":"Основная воронка"},
                 "stageRef":{"externalSystem":"amocrm","externalId":"Основная воронка:Переговоры"},
                 "amount":150000,"currency":"RUB","source":"amocrm","occurredAt":"2025-01-10T10:00:00+03:00"}"""));
    }

    @Test
    void aWonDealOpensInTheFirstStageAtItsCreationAndIsWonAtItsClosing() {
        List<OwnerStub.Call> deal = AmocrmImport.once().deal();

        assertThat(deal.get(2).body().has("stageRef")).isFalse();
        assertThat(deal.get(2).body().path("occurredAt").asText()).isEqualTo("2025-01-11T09:30:00+03:00");
        assertThat(deal.get(3).body().path("stageRef").path("externalId").asText())
                .isEqualTo("Основная воронка:won");
        assertThat(deal.get(3).body().path("occurredAt").asText()).isEqualTo("2025-01-20T16:45:00+03:00");
        assertThat(deal.get(3).body().path("clientRef").path("externalId").asText())
                .isEqualTo("contact:Анна Кузнецова");
    }

    @Test
    void aLostDealWhoseNoteSpansTwoLinesHasTheExportsReasonAsItsLossComment() {
        List<OwnerStub.Call> deal = AmocrmImport.once().deal();

        assertThat(deal.get(5).body()).isEqualTo(json("""
                {"clientRef":{"externalSystem":"amocrm","externalId":"company:ООО Ромашка"},"clientName":"ООО Ромашка",
                 "managerRef":{"externalSystem":"amocrm","externalId":"Ольга Иванова"},
                 "pipelineRef":{"externalSystem":"amocrm","externalId":"Основная воронка"},
                 "stageRef":{"externalSystem":"amocrm","externalId":"Основная воронка:lost"},
                 "amount":12500.5,"currency":"RUB","source":"amocrm","lossReason":"OTHER","lossComment":"Дорого",
                 "occurredAt":"2025-01-25T11:00:00+03:00"}"""));
    }

    @Test
    void aManagerIsHiredByTheCreationOfTheirFirstDealInTheFile() {
        List<OwnerStub.Call> lead = AmocrmImport.once().lead();

        assertThat(lead.get(0).body()).isEqualTo(json("""
                {"name":"Ольга Иванова","capacity":30,"shifts":[
                 {"day":"MONDAY","start":"09:00","end":"18:00"},{"day":"TUESDAY","start":"09:00","end":"18:00"},
                 {"day":"WEDNESDAY","start":"09:00","end":"18:00"},{"day":"THURSDAY","start":"09:00","end":"18:00"},
                 {"day":"FRIDAY","start":"09:00","end":"18:00"}],"occurredAt":"2025-01-10T10:00:00+03:00"}"""));
    }

    @Test
    void aCompanyOrAContactBecomesAClientWithItsContactsAtItsFirstDeal() {
        List<OwnerStub.Call> lead = AmocrmImport.once().lead();

        assertThat(lead.get(2).body()).isEqualTo(json("""
                {"kind":"COMPANY","name":"ООО Ромашка","contacts":[{"kind":"PHONE","value":"+7 912 345-67-89"},
                 {"kind":"EMAIL","value":"ivan@romashka.ru"}],"occurredAt":"2025-01-10T10:00:00+03:00"}"""));
        assertThat(lead.get(3).body()).isEqualTo(json("""
                {"kind":"PERSON","name":"Анна Кузнецова","contacts":[{"kind":"PHONE","value":"+7 (903) 111-22-33"}],
                 "occurredAt":"2025-01-11T09:30:00+03:00"}"""));
    }

    @Test
    void aBitrix24ExportInWindows1251IsReadAsTheContentTypeSaysOrAsDetected() {
        String head = TestTokens.head(TENANT);
        String id =
                upload("text/csv; charset=windows-1251", fixture("bitrix24-deals-cp1251.csv"), "bitrix24-deals", false);

        JsonPath job = Imports.awaitEnd(head, id);

        // 1 pipeline, 2 managers, 3 clients, 3 deals opened and 2 closed
        assertThat(job.getInt("total")).isEqualTo(11);
        assertThat(job.getInt("applied")).isEqualTo(11);
        assertThat(puts(OwnerStub.LEAD))
                .containsExactly(
                        "PUT /api/v1/managers/by-ref/bitrix24/Мария Соколова",
                        "PUT /api/v1/managers/by-ref/bitrix24/Дмитрий Волков",
                        "PUT /api/v1/clients/by-ref/bitrix24/company:ООО Альфа",
                        "PUT /api/v1/clients/by-ref/bitrix24/contact:Сергей Орлов",
                        "PUT /api/v1/clients/by-ref/bitrix24/company:ООО Бета");
        List<OwnerStub.Call> deal = OwnerStub.DEAL.calls();
        assertThat(deal.get(0).body().path("name").asText()).isEqualTo("Общая");
        assertThat(deal.get(0).body().path("stages").findValuesAsText("name"))
                .containsExactly("Подготовка документов", "Сделка успешна", "Анализ причины провала");
        // an open deal: the currency's Russian name, the source, the expected closing date
        assertThat(deal.get(1).body()).isEqualTo(json("""
                {"clientRef":{"externalSystem":"bitrix24","externalId":"company:ООО Альфа"},"clientName":"ООО Альфа",
                 "managerRef":{"externalSystem":"bitrix24","externalId":"Мария Соколова"},
                 "pipelineRef":{"externalSystem":"bitrix24","externalId":"Общая"},
                 "stageRef":{"externalSystem":"bitrix24","externalId":"Общая:Подготовка документов"},
                 "amount":250000,"currency":"RUB","source":"Звонок","expectedCloseDate":"2025-02-28",
                 "occurredAt":"2025-02-03T09:00:00+03:00"}"""));
        // won on a closing date without a time: that day's start
        assertThat(deal.get(3).body().path("stageRef").path("externalId").asText())
                .isEqualTo("Общая:won");
        assertThat(deal.get(3).body().path("amount").asLong()).isEqualTo(75000);
        assertThat(deal.get(3).body().path("occurredAt").asText()).isEqualTo("2025-02-10T00:00:00+03:00");
        // APOLOGY is a failed stage: lost, closed the day it was created, so not before its creation
        assertThat(deal.get(5).body().path("stageRef").path("externalId").asText())
                .isEqualTo("Общая:lost");
        assertThat(deal.get(5).body().path("currency").asText()).isEqualTo("USD");
        assertThat(deal.get(5).body().path("lossReason").asText()).isEqualTo("OTHER");
        assertThat(deal.get(5).body().path("occurredAt").asText()).isEqualTo("2025-02-05T11:00:00+03:00");

        // the same bytes without a charset: not UTF-8, so read as Windows-1251
        OwnerStub.LEAD.reset();
        OwnerStub.DEAL.reset();
        String again = upload("text/csv", fixture("bitrix24-deals-cp1251.csv"), "bitrix24-deals", true);
        assertThat(Imports.awaitEnd(head, again).getInt("applied")).isEqualTo(11);
        assertThat(puts(OwnerStub.LEAD).get(0)).isEqualTo("PUT /api/v1/managers/by-ref/bitrix24/Мария Соколова");
    }

    @Test
    void aCommaSeparatedKommoExportWithEnglishHeadingsIsRead() {
        String head = TestTokens.head(TENANT);
        String id = upload("text/csv", fixture("kommo-leads.csv"), "amocrm-leads", false);

        assertThat(Imports.awaitEnd(head, id).getInt("applied")).isEqualTo(1 + 1 + 2 + 3);
        List<OwnerStub.Call> deal = OwnerStub.DEAL.calls();
        assertThat(deal.get(1).body().path("amount").decimalValue()).isEqualByComparingTo("1200.50");
        assertThat(deal.get(3).body().path("stageRef").path("externalId").asText())
                .isEqualTo("Sales:won");
        assertThat(deal.get(0).body().path("stages").findValuesAsText("name"))
                .containsExactly("Negotiation", "Closed - won", "Закрыто и не реализовано");
    }

    @Test
    void rowsThatCannotBeMappedAreReportedWithTheirRowAndColumnAndTheOthersAreApplied() {
        String head = TestTokens.head(TENANT);
        String id = upload("text/csv", fixture("amocrm-leads-bad-rows.csv"), "amocrm-leads", false);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getInt("applied")).isEqualTo(4); // pipeline, manager, client, the good deal
        assertThat(job.getInt("failed")).isEqualTo(4);
        JsonPath errors = Imports.errors(head, id).jsonPath();
        assertThat(errors.getList("items.row", Integer.class)).containsExactly(3, 4, 5, 6);
        assertThat(errors.getList("items.field", String.class))
                .containsExactly("Бюджет ₽", "Дата создания", "Этап сделки", "Дата закрытия");
        assertThat(errors.getList("items.externalId", String.class))
                .containsExactly("18400302", "18400303", "18400304", "18400305");
        assertThat(errors.getString("items[0].detail")).contains("сто тысяч");
        assertThat(errors.getString("items[0].recordType")).isEqualTo("deal");
        assertThat((Object) errors.get("items[0].status")).isNull(); // never sent
        assertThat(puts(OwnerStub.DEAL))
                .containsExactly(
                        "PUT /api/v1/pipelines/by-ref/amocrm/Основная воронка",
                        "PUT /api/v1/deals/by-ref/amocrm/18400301");
    }

    @Test
    void anOwnersRefusalOfARecordNamesTheExportsRowAndColumn() {
        OwnerStub.DEAL.answer(call -> call.path().endsWith("/18400214")
                ? OwnerStub.Answer.problem(400, "amount", "must be less than 10^15")
                : null);
        OwnerStub.LEAD.answer(call -> call.path().contains("/clients/")
                        && call.body().has("contacts")
                        && call.body().path("name").asText().equals("Анна Кузнецова")
                ? OwnerStub.Answer.problem(400, "contacts[0].value", "is no phone number")
                : null);
        String head = TestTokens.head(TENANT);
        String id = upload("text/csv", fixture("amocrm-leads.csv"), "amocrm-leads", false);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getInt("failed")).isEqualTo(2);
        JsonPath errors = Imports.errors(head, id).jsonPath();
        // in the export's row order: Анна's client came from row 3, deal 18400214 from row 5
        assertThat(errors.getList("items.row", Integer.class)).containsExactly(3, 5);
        assertThat(errors.getList("items.field", String.class))
                .containsExactly("Рабочий телефон (контакт)", "Бюджет ₽");
        assertThat(errors.getString("items[1].invalidFields[0].field")).isEqualTo("amount");
        assertThat(errors.getInt("items[1].status")).isEqualTo(400);
    }

    @Test
    void aDryRunSendsOnlyDryRunCallsAndSoWritesNothing() {
        String head = TestTokens.head(TENANT);
        String id = upload("text/csv", fixture("amocrm-leads.csv"), "amocrm-leads", true);

        JsonPath job = Imports.awaitEnd(head, id);

        assertThat(job.getBoolean("dryRun")).isTrue();
        assertThat(job.getInt("applied")).isEqualTo(13);
        assertThat(OwnerStub.LEAD.calls()).hasSize(5).allMatch(OwnerStub.Call::dryRun);
        assertThat(OwnerStub.DEAL.calls()).hasSize(8).allMatch(OwnerStub.Call::dryRun);
        // the stubs store only what is not a dry run: the same file for real creates every record (201s)
        String real = upload("text/csv", fixture("amocrm-leads.csv"), "amocrm-leads", false);
        assertThat(Imports.awaitEnd(head, real).getInt("applied")).isEqualTo(13);
    }

    /**
     * Sends the file as the head would and checks the refusal: this status, a problem, and no job stored; answers the
     * answer for what the refusal names.
     */
    private static ValidatableResponse refused(int status, String contentType, byte[] file, Map<String, ?> query) {
        int before = jobsOfTheTenant();
        ValidatableResponse answer = asHead().contentType(contentType)
                .body(file)
                .queryParams(query)
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(status)
                .contentType("application/problem+json");
        assertThat(jobsOfTheTenant()).as("no job stored").isEqualTo(before);
        return answer;
    }

    private static final Map<String, String> AMOCRM = Map.of("layout", "amocrm-leads");

    private static Map<String, String> amocrmWith(String param, String value) {
        return Map.of("layout", "amocrm-leads", param, value);
    }

    @Test
    void aHeaderWithoutAColumnTheLayoutNeedsIsRefusedWholeNamingEachMissingColumn() {
        refused(400, "text/csv", fixture("amocrm-leads-wrong-header.csv"), AMOCRM)
                .body("invalidFields.field", hasItems("Ответственный", "Этап сделки"))
                .body("invalidFields.size()", equalTo(2));
        // a Bitrix24 export sent as amoCRM's: its stage column has another name
        refused(400, "text/csv", fixture("bitrix24-deals-cp1251.csv"), AMOCRM)
                .body("invalidFields.field", hasItems("Бюджет", "Этап сделки"));
        assertThat(OwnerStub.LEAD.calls()).isEmpty();
    }

    @Test
    void anUploadWithoutALayoutTheImportKnowsIsRefusedNamingTheLayout() {
        byte[] file = fixture("amocrm-leads.csv");
        refused(400, "text/csv", file, Map.of()).body("invalidFields.field", hasItem("layout"));
        refused(400, "text/csv", file, Map.of("layout", "salesforce")).body("invalidFields.field", hasItem("layout"));
    }

    @Test
    void anUnknownZoneCurrencyOrFormatIsRefusedNamingIt() {
        byte[] file = fixture("amocrm-leads.csv");
        refused(400, "text/csv", file, amocrmWith("zone", "Mars/Base")).body("invalidFields.field", hasItem("zone"));
        refused(400, "text/csv", file, amocrmWith("currency", "ZZZ")).body("invalidFields.field", hasItem("currency"));
        refused(400, "text/csv", file, amocrmWith("format", "ndjson")).body("invalidFields.field", hasItem("format"));
    }

    @Test
    void aCharsetTheImportCannotReadIsA415() {
        refused(415, "text/csv; charset=koi8-r", fixture("amocrm-leads.csv"), AMOCRM);
    }

    @Test
    void aBodyThatIsNotItsDeclaredUtf8OrHasNoRowsIsRefusedNamingTheBody() {
        // a Windows-1251 file declared UTF-8, and a header without a row
        refused(
                        400,
                        "text/csv; charset=utf-8",
                        fixture("bitrix24-deals-cp1251.csv"),
                        Map.of("layout", "bitrix24-deals"))
                .body("invalidFields.field", hasItem("body"));
        refused(400, "text/csv", "ID;Этап сделки\n".getBytes(StandardCharsets.UTF_8), AMOCRM)
                .body("invalidFields.field", hasItem("body"));
    }

    @Test
    void aManagerMayNotImport() {
        int before = jobsOfTheTenant();
        as(TestTokens.manager(TENANT, UUID.randomUUID()))
                .contentType("text/csv")
                .body(fixture("amocrm-leads.csv"))
                .queryParams(AMOCRM)
                .when()
                .post("/api/v1/imports")
                .then()
                .statusCode(403);
        assertThat(jobsOfTheTenant()).isEqualTo(before);
    }

    @Test
    void moreRowsThanTheJobsLimitIsA413() {
        StringBuilder file = new StringBuilder("ID;Бюджет;Ответственный;Этап сделки;Дата создания\n");
        for (int i = 0; i <= 1000; i++) { // the test profile allows 1 000 rows
            file.append(i).append(";100;Ольга;Переговоры;01.01.2025 10:00:00\n");
        }
        refused(413, "text/csv", file.toString().getBytes(StandardCharsets.UTF_8), AMOCRM);
    }

    private static int jobsOfTheTenant() {
        return asHead().when()
                .get("/api/v1/imports?size=100")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }
}
