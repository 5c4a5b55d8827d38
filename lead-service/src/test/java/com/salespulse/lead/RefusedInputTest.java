package com.salespulse.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.EmbeddedInfra;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Commands refused for what their body says: a 400 problem naming the field as the client sent it (items[1].phone,
 * toManagerIds[0]), and not one row or event written. References (managers, teams, clients) must name something of
 * the caller's tenant; the nil UUID is never an id.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class RefusedInputTest {

    private static final String NIL = "00000000-0000-0000-0000-000000000000";

    @Test
    void rejectsBlankStatusAndWritesNothing() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String lead = roster.leadFor(anna, "+7 912 710-00-01");

        for (String body : List.of("{\"status\":\"\"}", "{\"status\":\"   \"}", "{\"status\":null}", "{}")) {
            refusedWritingNothing(
                    roster,
                    body,
                    "status",
                    () -> roster.asHead()
                            .body(body)
                            .when()
                            .post("/api/v1/leads/" + lead + "/status")
                            .then());
        }
        roster.asHead()
                .when()
                .get("/api/v1/leads/" + lead)
                .then()
                .body("status", equalTo("NEW"))
                .body("version", equalTo(0));
    }

    @Test
    void rejectsBlankContactOutcomeAndWritesNothing() {
        Roster roster = Roster.newTenant();
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String lead = roster.leadFor(anna, "+7 912 710-00-02");

        refusedWritingNothing(
                roster,
                "blank outcome",
                "outcome",
                () -> roster.asHead()
                        .body("{\"outcome\":\" \"}")
                        .when()
                        .post("/api/v1/leads/" + lead + "/contact-attempts")
                        .then());
    }

    @Test
    void rejectsBlankClientNameAndWritesNothing() {
        Roster roster = Roster.newTenant();
        String lead = roster.lead("+7 912 710-00-03");

        refusedWritingNothing(
                roster,
                "intake",
                "clientName",
                () -> roster.asHead()
                        .body("{\"source\":\"website\",\"clientName\":\"   \",\"phone\":\"+7 912 710-00-04\"}")
                        .when()
                        .post("/api/v1/leads")
                        .then());
        refusedWritingNothing(
                roster,
                "update",
                "clientName",
                () -> roster.asHead()
                        .body("{\"version\":0,\"clientName\":\"\"}")
                        .when()
                        .patch("/api/v1/leads/" + lead)
                        .then());
        refusedWritingNothing(
                roster,
                "client",
                "name",
                () -> roster.asHead()
                        .body("{\"kind\":\"COMPANY\",\"name\":\" \"}")
                        .when()
                        .post("/api/v1/clients")
                        .then());
    }

    @Test
    void anUpdateMayNotRemoveTheLastContactOfALead() {
        Roster roster = Roster.newTenant();
        String lead = roster.asHead()
                .body("{\"source\":\"website\",\"email\":\"only@example.com\"}")
                .when()
                .post("/api/v1/leads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        refusedWritingNothing(
                roster,
                "empty e-mail",
                "email",
                () -> roster.asHead()
                        .body("{\"version\":0,\"email\":\"\"}")
                        .when()
                        .patch("/api/v1/leads/" + lead)
                        .then());
    }

    @Test
    void aBlankOrMalformedEmailContactOfAClientIsRefusedNotAServerError() {
        Roster roster = Roster.newTenant();

        for (String value : List.of(" ", "not-an-email")) {
            Map<String, Long> before = Tables.of(roster.tenant);
            roster.asHead()
                    .body("{\"kind\":\"PERSON\",\"contacts\":[{\"kind\":\"EMAIL\",\"value\":\"" + value + "\"}]}")
                    .when()
                    .post("/api/v1/clients")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("invalidFields.field", everyItem(org.hamcrest.Matchers.endsWith("value")));
            assertThat(Tables.of(roster.tenant)).as(value).isEqualTo(before);
        }
    }

    @Test
    void rejectsAManagerIdNamingNoManagerOfTheTenantAndWritesNothing() {
        Roster roster = Roster.newTenant();
        Roster other = Roster.newTenant();
        String foreign = other.hire("Foreign", 10, Roster.everyDay("00:00", "23:59"));
        String lead = roster.lead("+7 912 710-00-05");

        for (String manager : List.of(UUID.randomUUID().toString(), NIL, foreign)) {
            refusedWritingNothing(
                    roster,
                    "intake " + manager,
                    "managerId",
                    () -> roster.asHead()
                            .body("{\"source\":\"website\",\"phone\":\"+7 912 710-00-06\",\"managerId\":\"" + manager
                                    + "\"}")
                            .when()
                            .post("/api/v1/leads")
                            .then());
            refusedWritingNothing(
                    roster,
                    "assign " + manager,
                    "managerId",
                    () -> roster.asHead()
                            .body("{\"managerId\":\"" + manager + "\"}")
                            .when()
                            .post("/api/v1/leads/" + lead + "/assign")
                            .then());
        }
    }

    @Test
    void aConversionReferredByNoClientOfTheTenantIsRefusedAndWritesNothing() {
        Roster roster = Roster.newTenant();
        Roster other = Roster.newTenant();
        String foreignClient = other.asHead()
                .body("{\"kind\":\"PERSON\",\"name\":\"Foreign\"}")
                .when()
                .post("/api/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String lead = roster.leadFor(anna, "+7 912 710-00-07");
        roster.asHead()
                .body("{\"status\":\"IN_WORK\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/status")
                .then()
                .statusCode(200);
        roster.asHead()
                .body("{\"status\":\"QUALIFIED\"}")
                .when()
                .post("/api/v1/leads/" + lead + "/status")
                .then()
                .statusCode(200);

        for (String client : List.of(UUID.randomUUID().toString(), NIL, foreignClient)) {
            refusedWritingNothing(
                    roster,
                    client,
                    "referredByClientId",
                    () -> roster.asHead()
                            .body("{\"referredByClientId\":\"" + client + "\"}")
                            .when()
                            .post("/api/v1/leads/" + lead + "/convert")
                            .then());
        }
        refusedWritingNothing(
                roster,
                "nil pipeline",
                "pipelineId",
                () -> roster.asHead()
                        .body("{\"pipelineId\":\"" + NIL + "\"}")
                        .when()
                        .post("/api/v1/leads/" + lead + "/convert")
                        .then());
        roster.asHead().when().get("/api/v1/leads/" + lead).then().body("status", equalTo("QUALIFIED"));
    }

    @Test
    void theNilUuidCannotBeHiredAndWritesNothing() {
        Roster roster = Roster.newTenant();

        refusedWritingNothing(
                roster,
                "nil id",
                "id",
                () -> roster.asHead()
                        .body("{\"id\":\"" + NIL + "\",\"name\":\"Nobody\",\"capacity\":10,\"shifts\":[]}")
                        .when()
                        .post("/api/v1/managers")
                        .then());
    }

    @Test
    void teamsAndManagersABodyNamesMustBeOfTheCallersTenant() {
        Roster roster = Roster.newTenant();
        Roster other = Roster.newTenant();
        String foreignTeam = other.team("Foreign");
        String foreignManager = other.hire("Foreign", 10, Roster.everyDay("00:00", "23:59"));
        String anna = roster.hire("Anna", 10, Roster.everyDay("00:00", "23:59"));
        String boris = roster.hire("Boris", 10, Roster.everyDay("00:00", "23:59"));
        roster.leadFor(anna, "+7 912 710-00-08");

        for (String team : List.of(UUID.randomUUID().toString(), NIL, foreignTeam)) {
            refusedWritingNothing(
                    roster,
                    "hire " + team,
                    "teamId",
                    () -> roster.asHead()
                            .body("{\"name\":\"Vera\",\"capacity\":10,\"shifts\":[],\"teamId\":\"" + team + "\"}")
                            .when()
                            .post("/api/v1/managers")
                            .then());
            refusedWritingNothing(
                    roster,
                    "update " + team,
                    "teamId",
                    () -> roster.asHead()
                            .body("{\"version\":0,\"teamId\":\"" + team + "\"}")
                            .when()
                            .patch("/api/v1/managers/" + boris)
                            .then());
        }
        for (String manager : List.of(UUID.randomUUID().toString(), NIL, foreignManager)) {
            refusedWritingNothing(
                    roster,
                    "transfer from " + manager,
                    "fromManagerId",
                    () -> roster.asHead()
                            .body("{\"fromManagerId\":\"" + manager + "\",\"toManagerIds\":[\"" + boris + "\"]}")
                            .when()
                            .post("/api/v1/transfers")
                            .then());
            refusedWritingNothing(
                    roster,
                    "transfer to " + manager,
                    "toManagerIds[1]",
                    () -> roster.asHead()
                            .body("{\"fromManagerId\":\"" + anna + "\",\"toManagerIds\":[\"" + boris + "\",\"" + manager
                                    + "\"]}")
                            .when()
                            .post("/api/v1/transfers")
                            .then());
            refusedWritingNothing(
                    roster,
                    "dismissal to " + manager,
                    "toManagerIds[0]",
                    () -> roster.asHead()
                            .body("{\"cards\":\"TRANSFER_TO_NAMED\",\"toManagerIds\":[\"" + manager + "\"]}")
                            .when()
                            .post("/api/v1/managers/" + anna + "/dismissal")
                            .then());
        }
        refusedWritingNothing(
                roster,
                "receivers with the rule",
                "toManagerIds",
                () -> roster.asHead()
                        .body("{\"cards\":\"DISTRIBUTE_BY_RULE\",\"toManagerIds\":[\"" + boris + "\"]}")
                        .when()
                        .post("/api/v1/managers/" + anna + "/dismissal")
                        .then());
        refusedWritingNothing(
                roster,
                "blank manager name",
                "name",
                () -> roster.asHead()
                        .body("{\"version\":0,\"name\":\"  \"}")
                        .when()
                        .patch("/api/v1/managers/" + boris)
                        .then());
        roster.asHead().when().get("/api/v1/managers/" + anna).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void theNilUuidInAPathIsRefusedNamingIt() {
        Roster roster = Roster.newTenant();

        roster.asHead()
                .when()
                .get("/api/v1/leads/" + NIL)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields[0].field", equalTo("id"));
        refusedWritingNothing(
                roster,
                "status",
                "id",
                () -> roster.asHead()
                        .body("{\"status\":\"IN_WORK\"}")
                        .when()
                        .post("/api/v1/leads/" + NIL + "/status")
                        .then());
        roster.asHead()
                .when()
                .get("/api/v1/clients/" + NIL)
                .then()
                .statusCode(400)
                .body("invalidFields[0].field", equalTo("id"));
    }

    // ---- batches: all or nothing ----

    @Test
    void aBatchWithABadSecondItemWritesNothingAndNamesTheItemsFields() {
        Roster roster = Roster.newTenant();

        refusedWritingNothing(
                roster,
                "bad items",
                "items[1].phone",
                () -> roster.asHead()
                        .body("""
                {"items":[
                  {"source":"website","phone":"+7 912 720-00-01"},
                  {"source":"website","phone":"12"},
                  {"phone":"+7 912 720-00-03"}
                ]}""")
                        .when()
                        .post("/api/v1/leads/batch")
                        .then()
                        .body("invalidFields.field", equalTo(List.of("items[1].phone", "items[2].source"))));
        refusedWritingNothing(
                roster,
                "unknown manager in item 2",
                "items[1].managerId",
                () -> roster.asHead()
                        .body("""
                {"items":[
                  {"source":"website","phone":"+7 912 720-00-04"},
                  {"source":"website","phone":"+7 912 720-00-05","managerId":"%s"}
                ]}""".formatted(UUID.randomUUID()))
                        .when()
                        .post("/api/v1/leads/batch")
                        .then());
        refusedWritingNothing(
                roster,
                "no contact in item 2",
                "items[1].contact",
                () -> roster.asHead()
                        .body("""
                {"items":[{"source":"website","phone":"+7 912 720-00-06"},{"source":"expo"}]}""")
                        .when()
                        .post("/api/v1/leads/batch")
                        .then());
    }

    @Test
    void aBatchItemTheDatabaseRefusesIsA400NamingTheItemAndNothingOfTheBatchIsWritten() {
        Roster roster = Roster.newTenant();
        var entityManager =
                Arc.container().instance(OutboxEventRepository.class).get().getEntityManager();
        // a refusal only the database knows, as a NUL character or a broken constraint would be
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    create or replace function refuse_marked_lead() returns trigger language plpgsql as $$
                    begin
                      if new.comment = 'the database refuses this' then
                        raise exception 'refused by a check' using errcode = '23514';
                      end if;
                      return new;
                    end $$""").executeUpdate();
            entityManager
                    .createNativeQuery("create trigger refuse_marked_lead before insert on lead for each row "
                            + "execute function refuse_marked_lead()")
                    .executeUpdate();
        });
        try {
            refusedWritingNothing(
                    roster,
                    "refused by the database",
                    "items[1]",
                    () -> roster.asHead()
                            .body("""
                    {"items":[
                      {"source":"website","phone":"+7 912 730-00-01"},
                      {"source":"website","phone":"+7 912 730-00-02","comment":"the database refuses this"}
                    ]}""")
                            .when()
                            .post("/api/v1/leads/batch")
                            .then());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager
                        .createNativeQuery("drop trigger refuse_marked_lead on lead")
                        .executeUpdate();
                entityManager
                        .createNativeQuery("drop function refuse_marked_lead()")
                        .executeUpdate();
            });
        }
    }

    @Test
    void aNulCharacterInTheSecondItemOfABatchWritesNothingAndIsNotAServerError() {
        Roster roster = Roster.newTenant();
        Map<String, Long> before = Tables.of(roster.tenant);

        roster.asHead()
                .body("{\"items\":[{\"source\":\"website\",\"phone\":\"+7 912 740-00-01\"},"
                        + "{\"source\":\"website\",\"phone\":\"+7 912 740-00-02\",\"comment\":\"a\\u0000b\"}]}")
                .when()
                .post("/api/v1/leads/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem(startsWith("items[1]")))
                .body("invalidFields.field", not(hasItem(startsWith("items[0]"))));

        assertThat(Tables.of(roster.tenant)).isEqualTo(before);
    }

    @Test
    void aBatchTakesInEveryItemAndAnswersARefusedDuplicateWithoutFailingTheOthers() {
        Roster roster = Roster.newTenant();
        roster.settings("{\"duplicatePolicy\":\"REFUSE\"}");
        String existing = roster.lead("+7 912 750-00-01");

        roster.asHead()
                .body("""
                {"items":[
                  {"source":"website","phone":"+7 912 750-00-02"},
                  {"source":"website","phone":"8 (912) 750 00 01"},
                  {"source":"expo","email":"new@example.com","utm":{"source":"google","campaign":"winter"}}
                ]}""")
                .when()
                .post("/api/v1/leads/batch")
                .then()
                .statusCode(200)
                .body("items.outcome", equalTo(List.of("CREATED", "DUPLICATE", "CREATED")))
                .body("items[1].leadId", equalTo(null))
                .body("items[1].existing", equalTo("/api/v1/leads/" + existing))
                .body("created", equalTo(2))
                .body("duplicates", equalTo(1));

        roster.asHead().when().get("/api/v1/leads").then().body("total", equalTo(3));
    }

    /** Asserts a 400 problem naming {@code field} and that the tenant's tables are as they were. */
    private static void refusedWritingNothing(
            Roster roster, String what, String field, java.util.function.Supplier<ValidatableResponse> request) {
        Map<String, Long> before = Tables.of(roster.tenant);
        request.get()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidFields.field", hasItem(field))
                .body(not(org.hamcrest.Matchers.containsString("Exception")));
        assertThat(Tables.of(roster.tenant)).as(what).isEqualTo(before);
    }
}
