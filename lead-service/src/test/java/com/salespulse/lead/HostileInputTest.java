package com.salespulse.lead;

import static com.salespulse.testsupport.hostile.HostileInput.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import com.salespulse.testsupport.hostile.HostileInput;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every write endpoint of lead-service against the hostile-input kit (test-support): one valid request per operation,
 * from which the kit derives every refusal its OpenAPI schema promises, each a 400 (413, 415) problem naming the
 * field, with the database as it was.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class HostileInputTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private static final List<String> LEADS = List.of("/api/v1/leads", "/api/v1/contact-attempts");
    private static final List<String> ROSTER = List.of("/api/v1/teams", "/api/v1/managers", "/api/v1/transfers");
    private static final List<String> CLIENTS = List.of("/api/v1/clients");
    private static final List<String> SETTINGS = List.of("/api/v1/settings");
    private static final List<String> OPS = List.of("/api/v1/ops");
    private static final List<String> REASONS = List.of("/api/v1/rejection-reasons");
    private static final List<List<String>> FAMILIES = List.of(LEADS, ROSTER, CLIENTS, SETTINGS, OPS, REASONS);

    private final Roster roster = Roster.newTenant();
    private final String head = roster.head;
    private String anna;
    private String boris;
    private String team;
    private volatile String lastRef;
    private final String attemptLead = "attempts-" + UUID.randomUUID();

    /** One tenant for a family: a team, Anna and Boris in it, and the references the bodies link by. */
    @BeforeEach
    void rosterWithReferences() {
        team = roster.team("Hostile");
        anna = roster.hire("Anna", 10_000, Roster.everyDay("00:00", "23:59"), team);
        boris = roster.hire("Boris", 10_000, Roster.everyDay("00:00", "23:59"), team);
        // the references the bodies link by
        roster.asHead()
                .body(json("name", "Hostile by ref"))
                .when()
                .put("/api/v1/teams/by-ref/amocrm/team-1")
                .then()
                .statusCode(201);
        roster.asHead()
                .body(json("name", "Gleb", "capacity", 10_000, "shifts", List.of()))
                .when()
                .put("/api/v1/managers/by-ref/amocrm/user-1")
                .then()
                .statusCode(201);
        roster.asHead()
                .body(json("kind", "PERSON", "name", "Referrer"))
                .when()
                .put("/api/v1/clients/by-ref/amocrm/client-1")
                .then()
                .statusCode(201);
        roster.asHead()
                .body(json("source", "website", "phone", phone(), "managerId", anna))
                .when()
                .put("/api/v1/leads/by-ref/amocrm/" + attemptLead)
                .then()
                .statusCode(201);
    }

    /** Leads, by id and by reference, and contact attempts by reference. */
    @TestFactory
    Stream<DynamicNode> leadWritesRefuseHostileInputAndWriteNothing() {
        return family(
                LEADS,
                HostileInput.ofThisService()
                        .operation("POST /api/v1/leads", op -> op.token(head).body(this::lead))
                        .operation(
                                "POST /api/v1/leads/batch",
                                op -> op.token(head).body(() -> "{\"items\":[" + lead() + "]}"))
                        .operation(
                                "PATCH /api/v1/leads/{id}",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.leadFor(anna, phone()))
                                        .body(() -> json(
                                                "version",
                                                0,
                                                "clientName",
                                                "Anna Petrova",
                                                "phone",
                                                phone(),
                                                "email",
                                                "anna@example.com",
                                                "comment",
                                                "call back")))
                        .operation(
                                "POST /api/v1/leads/{id}/status",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.leadFor(anna, phone()))
                                        .body(() -> json(
                                                "status",
                                                "REJECTED",
                                                "reasonCode",
                                                "no_budget",
                                                "comment",
                                                "too dear",
                                                "occurredAt",
                                                soon())))
                        .operation(
                                "POST /api/v1/leads/{id}/contact-attempts",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.leadFor(anna, phone()))
                                        .body(() -> json(
                                                "outcome",
                                                "NO_ANSWER",
                                                "comment",
                                                "rang twice",
                                                "occurredAt",
                                                soon(),
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                "call-" + UUID.randomUUID())))
                        .operation(
                                "POST /api/v1/leads/{id}/assign",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.leadFor(anna, phone()))
                                        .body(() -> json("managerId", boris, "reason", "the client asked for Boris")))
                        .operation(
                                "POST /api/v1/leads/{id}/convert",
                                op -> op.token(head)
                                        .pathParam("id", this::qualifiedLead)
                                        .body(() -> json(
                                                "pipelineId",
                                                UUID.randomUUID().toString(),
                                                "expectedAmount",
                                                150000.5,
                                                "currency",
                                                "RUB",
                                                "referredByClientId",
                                                client(),
                                                "comment",
                                                "two licences",
                                                "dealRef",
                                                ref("amocrm", "deal-" + UUID.randomUUID()),
                                                "occurredAt",
                                                soon()))
                                        .anyUuid(
                                                "pipelineId",
                                                "pipelines are deal-service's: lead-service has no copy to check the "
                                                        + "id against and passes it on (deal-service opens the deal in the default pipeline "
                                                        + "when the id names none of the tenant's)"))
                        .operation(
                                "POST /api/v1/leads/{id}/archive",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.leadFor(anna, phone()))
                                        .body(() -> json("reason", "client went silent", "occurredAt", soon())))
                        .operation(
                                "POST /api/v1/leads/{id}/restore",
                                op -> op.token(head)
                                        .pathParam("id", this::archivedLead)
                                        .body(() -> json("reason", "client called back", "occurredAt", soon())))
                        .operation(
                                "PUT /api/v1/leads/by-ref/{externalSystem}/{externalId}",
                                op -> op.token(head)
                                        .pathParam("externalSystem", () -> "amocrm")
                                        .pathParam("externalId", this::freshRef)
                                        .body(() -> json(
                                                "source",
                                                "website",
                                                "channel",
                                                "form",
                                                "campaign",
                                                "winter",
                                                "utm",
                                                Map.of(
                                                        "source",
                                                        "yandex",
                                                        "medium",
                                                        "cpc",
                                                        "campaign",
                                                        "winter",
                                                        "term",
                                                        "crm",
                                                        "content",
                                                        "banner"),
                                                "clientName",
                                                "Olga Smirnova",
                                                "phone",
                                                phone(),
                                                "email",
                                                "olga@example.com",
                                                "comment",
                                                "call me",
                                                "managerRef",
                                                ref("amocrm", "user-1"),
                                                "clientRef",
                                                ref("amocrm", "client-1"),
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                lastRef,
                                                "status",
                                                "REJECTED",
                                                "rejectionReason",
                                                "no_budget",
                                                "statusComment",
                                                "too dear",
                                                "occurredAt",
                                                "2025-06-01T10:00:00Z")))
                        .operation(
                                "POST /api/v1/leads/by-ref/{externalSystem}/{externalId}/convert",
                                op -> op.token(head)
                                        .pathParam("externalSystem", () -> "amocrm")
                                        .pathParam("externalId", this::qualifiedLeadByRef)
                                        .body(() -> json(
                                                "pipelineId",
                                                UUID.randomUUID().toString(),
                                                "expectedAmount",
                                                990.5,
                                                "currency",
                                                "RUB",
                                                "referredByClientRef",
                                                ref("amocrm", "client-1"),
                                                "comment",
                                                "one licence",
                                                "dealRef",
                                                ref("amocrm", "deal-" + UUID.randomUUID()),
                                                "occurredAt",
                                                "2025-06-02T10:00:00Z"))
                                        .anyUuid(
                                                "pipelineId",
                                                "pipelines are deal-service's (see the convert operation)"))
                        .operation(
                                "PUT /api/v1/contact-attempts/by-ref/{externalSystem}/{externalId}",
                                op -> op.token(head)
                                        .pathParam("externalSystem", () -> "amocrm")
                                        .pathParam("externalId", this::freshRef)
                                        .body(() -> json(
                                                "leadRef",
                                                ref("amocrm", attemptLead),
                                                "outcome",
                                                "BUSY",
                                                "comment",
                                                "line busy",
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                lastRef,
                                                "occurredAt",
                                                soon()))));
    }

    /** Teams, managers (hiring, profile, absences, dismissal) and card transfers. */
    @TestFactory
    Stream<DynamicNode> rosterWritesRefuseHostileInputAndWriteNothing() {
        return family(
                ROSTER,
                HostileInput.ofThisService()
                        .operation(
                                "POST /api/v1/teams",
                                op -> op.token(head)
                                        .body(() -> json(
                                                "name",
                                                "Team " + UUID.randomUUID(),
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                "t-" + UUID.randomUUID(),
                                                "occurredAt",
                                                "2024-01-10T08:00:00Z")))
                        .operation(
                                "PATCH /api/v1/teams/{id}",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.team("Team " + UUID.randomUUID()))
                                        .body(() -> json(
                                                "version",
                                                0,
                                                "name",
                                                "Team " + UUID.randomUUID(),
                                                "occurredAt",
                                                soon())))
                        .operation(
                                "PUT /api/v1/teams/{id}/lead",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.team("Team " + UUID.randomUUID()))
                                        .body(() -> json(
                                                "version",
                                                0,
                                                "leadManagerId",
                                                roster.hire(
                                                        "Lead " + UUID.randomUUID(),
                                                        10,
                                                        Roster.everyDay("09:00", "18:00")))))
                        .operation(
                                "POST /api/v1/managers",
                                op -> op.token(head)
                                        .body(() -> json(
                                                "id",
                                                UUID.randomUUID().toString(),
                                                "name",
                                                "Vera",
                                                "teamId",
                                                team,
                                                "capacity",
                                                10,
                                                "shifts",
                                                List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "18:00")),
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                "u-" + UUID.randomUUID(),
                                                "occurredAt",
                                                "2024-02-01T08:00:00Z"))
                                        .anyUuid(
                                                "id",
                                                "the manager's own id, chosen by the identity provider: a new one is the "
                                                        + "point"))
                        .operation(
                                "PATCH /api/v1/managers/{id}",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.hire("Vera", 10, "[]"))
                                        .body(() -> json(
                                                "version",
                                                0,
                                                "name",
                                                "Vera Smirnova",
                                                "teamId",
                                                team,
                                                "noTeam",
                                                false,
                                                "capacity",
                                                12,
                                                "shifts",
                                                List.of(Map.of("day", "TUESDAY", "start", "10:00", "end", "19:00")),
                                                "occurredAt",
                                                soon())))
                        .operation(
                                "POST /api/v1/managers/{id}/absences",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.hire("Vera", 10, "[]"))
                                        .body(() -> json(
                                                "kind",
                                                "VACATION",
                                                "from",
                                                "2027-01-10T06:00:00Z",
                                                "to",
                                                "2027-01-20T06:00:00Z",
                                                "comment",
                                                "skiing",
                                                "occurredAt",
                                                soon())))
                        .operation(
                                "POST /api/v1/managers/{id}/dismissal",
                                op -> op.token(head)
                                        .pathParam("id", () -> roster.hire("Vera", 10, "[]"))
                                        .body(() -> json(
                                                "cards",
                                                "TRANSFER_TO_NAMED",
                                                "toManagerIds",
                                                List.of(anna),
                                                "reason",
                                                "left the company",
                                                "occurredAt",
                                                soon())))
                        .operation(
                                "POST /api/v1/transfers",
                                op -> op.token(head)
                                        .body(() -> json(
                                                "fromManagerId",
                                                roster.hire("Vera", 10, "[]"),
                                                "toManagerIds",
                                                List.of(anna),
                                                "reason",
                                                "covering a vacation")))
                        .operation(
                                "PUT /api/v1/managers/by-ref/{externalSystem}/{externalId}",
                                op -> op.token(head)
                                        .pathParam("externalSystem", () -> "amocrm")
                                        .pathParam("externalId", this::freshRef)
                                        .body(() -> json(
                                                "id",
                                                UUID.randomUUID().toString(),
                                                "name",
                                                "Vera",
                                                "teamRef",
                                                ref("amocrm", "team-1"),
                                                "capacity",
                                                10,
                                                "shifts",
                                                List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "18:00")),
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                lastRef,
                                                "occurredAt",
                                                "2024-02-01T08:00:00Z"))
                                        .anyUuid("id", "the manager's own id, chosen by the identity provider"))
                        .operation(
                                "POST /api/v1/managers/by-ref/{externalSystem}/{externalId}/dismissal",
                                op -> op.token(head)
                                        .pathParam("externalSystem", () -> "amocrm")
                                        .pathParam("externalId", this::managerByRef)
                                        .body(() -> json(
                                                "cards",
                                                "TRANSFER_TO_NAMED",
                                                "toManagerRefs",
                                                List.of(ref("amocrm", "user-1")),
                                                "reason",
                                                "left the company",
                                                "occurredAt",
                                                soon())))
                        .operation(
                                "PUT /api/v1/teams/by-ref/{externalSystem}/{externalId}",
                                op -> op.token(head)
                                        .pathParam("externalSystem", () -> "amocrm")
                                        .pathParam("externalId", this::freshRef)
                                        .body(() -> json(
                                                "name",
                                                "Team " + lastRef,
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                lastRef,
                                                "occurredAt",
                                                "2024-01-10T08:00:00Z"))));
    }

    /** Clients, by id and by reference, and merging. */
    @TestFactory
    Stream<DynamicNode> clientWritesRefuseHostileInputAndWriteNothing() {
        return family(
                CLIENTS,
                HostileInput.ofThisService()
                        .operation(
                                "POST /api/v1/clients",
                                op -> op.token(head)
                                        .body(() -> json(
                                                "kind",
                                                "COMPANY",
                                                "name",
                                                "Romashka",
                                                "contacts",
                                                List.of(Map.of("kind", "PHONE", "value", phone())),
                                                "externalSystem",
                                                "bitrix24",
                                                "externalId",
                                                "c-" + UUID.randomUUID(),
                                                "occurredAt",
                                                "2024-05-20T12:00:00+03:00")))
                        .operation(
                                "PATCH /api/v1/clients/{id}",
                                op -> op.token(head)
                                        .pathParam("id", this::client)
                                        .body(() -> json(
                                                "version",
                                                0,
                                                "kind",
                                                "COMPANY",
                                                "name",
                                                "Romashka",
                                                "contacts",
                                                List.of(Map.of("kind", "PHONE", "value", phone())))))
                        .operation(
                                "POST /api/v1/clients/{id}/merge",
                                op -> op.token(head)
                                        .pathParam("id", this::client)
                                        .body(() -> json("mergedClientId", client(), "reason", "the same company")))
                        .operation(
                                "PUT /api/v1/clients/by-ref/{externalSystem}/{externalId}",
                                op -> op.token(head)
                                        .pathParam("externalSystem", () -> "amocrm")
                                        .pathParam("externalId", this::freshRef)
                                        .body(() -> json(
                                                "kind",
                                                "COMPANY",
                                                "name",
                                                "Romashka",
                                                "contacts",
                                                List.of(Map.of("kind", "PHONE", "value", phone())),
                                                "externalSystem",
                                                "amocrm",
                                                "externalId",
                                                lastRef,
                                                "occurredAt",
                                                "2024-05-20T12:00:00+03:00"))));
    }

    /** The tenant's settings. */
    @TestFactory
    Stream<DynamicNode> settingsWritesRefuseHostileInputAndWriteNothing() {
        return family(
                SETTINGS,
                HostileInput.ofThisService()
                        .operation(
                                "PATCH /api/v1/settings",
                                op -> op.token(head)
                                        .body(json(
                                                "timeZone",
                                                "Europe/Moscow",
                                                "phoneRegion",
                                                "RU",
                                                "distributionMode",
                                                "LEAST_LOADED",
                                                "duplicatePolicy",
                                                "LINK_AND_FLAG",
                                                "unreachedThreshold",
                                                3,
                                                "staleDays",
                                                30))));
    }

    /** The tenant's rejection reasons (issue 20). */
    @TestFactory
    Stream<DynamicNode> rejectionReasonWritesRefuseHostileInputAndWriteNothing() {
        return family(
                REASONS,
                HostileInput.ofThisService()
                        .operation(
                                "POST /api/v1/rejection-reasons",
                                op -> op.token(head)
                                        .body(() -> json(
                                                "code",
                                                "reason_" + SEQ.incrementAndGet(),
                                                "labelRu",
                                                "Не наш регион",
                                                "labelEn",
                                                "Outside our region")))
                        .operation(
                                "PATCH /api/v1/rejection-reasons/{code}",
                                op -> op.token(head)
                                        .pathParam("code", () -> "no_budget")
                                        .body(json("labelRu", "Нет денег", "labelEn", "No money", "active", true))));
    }

    @TestFactory
    Stream<DynamicNode> opsWritesRefuseHostileInputAndWriteNothing() {
        return family(
                OPS,
                HostileInput.ofThisService()
                        .operation(
                                "POST /api/v1/ops/dead-letters/replay",
                                // selects an event id nothing parked carries: the valid request replays nothing
                                op -> op.token(TestTokens.ops())
                                        .body(() -> json(
                                                "eventIds",
                                                List.of(UUID.randomUUID().toString())))));
    }

    /** A write endpoint outside the families above would go unchecked: each family runs only its own paths. */
    @Test
    void everyWriteEndpointBelongsToAFamilyAbove() {
        List<String> outside = HostileInput.ofThisService()
                .tests()
                .map(DynamicNode::getDisplayName)
                .filter(operation -> FAMILIES.stream().noneMatch(family -> in(family, operation)))
                .toList();

        assertThat(outside).isEmpty();
    }

    /** The cases of the operations under one of these paths (a missing fixture among them fails there). */
    private static Stream<DynamicNode> family(List<String> paths, HostileInput hostile) {
        return hostile.tests().filter(node -> in(paths, node.getDisplayName()));
    }

    /** Whether a node named {@code "POST /api/v1/leads/{id}/status"} (maybe with ": why") is under these paths. */
    private static boolean in(List<String> paths, String operation) {
        String path = operation.split(" ")[1].replaceAll(":$", "");
        return paths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** A full intake body: every optional field given, a fresh external reference. */
    private String lead() {
        return json(
                "source",
                "website",
                "channel",
                "form",
                "campaign",
                "winter",
                "utm",
                Map.of("source", "yandex", "medium", "cpc", "campaign", "winter", "term", "crm", "content", "banner"),
                "clientName",
                "Olga Smirnova",
                "phone",
                phone(),
                "email",
                "olga@example.com",
                "comment",
                "call me",
                "managerId",
                anna,
                "externalSystem",
                "amocrm",
                "externalId",
                "l-" + UUID.randomUUID(),
                "clientRef",
                ref("amocrm", "client-1"),
                "occurredAt",
                "2025-06-01T10:00:00Z");
    }

    /** A new reference for a PUT by-ref path; the body supplier (called after the path's) repeats it. */
    private String freshRef() {
        lastRef = "r-" + UUID.randomUUID();
        return lastRef;
    }

    /** A QUALIFIED lead created by reference; answers its externalId. */
    private String qualifiedLeadByRef() {
        String ref = freshRef();
        roster.asHead()
                .body(json(
                        "source",
                        "website",
                        "phone",
                        phone(),
                        "managerId",
                        anna,
                        "status",
                        "QUALIFIED",
                        "occurredAt",
                        "2025-06-01T10:00:00Z"))
                .when()
                .put("/api/v1/leads/by-ref/amocrm/" + ref)
                .then()
                .statusCode(201);
        return ref;
    }

    /** A manager hired by a fresh reference; answers its externalId. */
    private String managerByRef() {
        String ref = freshRef();
        roster.asHead()
                .body(json("name", "Vera", "capacity", 10, "shifts", List.of(), "occurredAt", "2024-02-01T08:00:00Z"))
                .when()
                .put("/api/v1/managers/by-ref/amocrm/" + ref)
                .then()
                .statusCode(201);
        return ref;
    }

    private static Map<String, String> ref(String system, String id) {
        return Map.of("externalSystem", system, "externalId", id);
    }

    /** A business time just ahead of now: after the card the path supplier has just made, within the skew. */
    private static String soon() {
        return java.time.Instant.now().plusSeconds(20).toString();
    }

    private String qualifiedLead() {
        String lead = roster.leadFor(anna, phone());
        for (String status : List.of("IN_WORK", "QUALIFIED")) {
            roster.asHead()
                    .body(json("status", status))
                    .when()
                    .post("/api/v1/leads/" + lead + "/status")
                    .then()
                    .statusCode(200);
        }
        return lead;
    }

    private String archivedLead() {
        String lead = roster.leadFor(anna, phone());
        roster.asHead()
                .body("{}")
                .when()
                .post("/api/v1/leads/" + lead + "/archive")
                .then()
                .statusCode(200);
        return lead;
    }

    private String client() {
        return roster.asHead()
                .body(json("kind", "PERSON", "name", "Ivan"))
                .when()
                .post("/api/v1/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A phone nobody else in the run has, so that no case depends on duplicate handling. */
    private static String phone() {
        return "+7 915 " + String.format("%07d", SEQ.incrementAndGet() % 10_000_000);
    }
}
