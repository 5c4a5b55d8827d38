package com.salespulse.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.salespulse.localstack.demo.DemoHistory.History;
import com.salespulse.localstack.demo.DemoHistory.Options;
import com.salespulse.localstack.demo.DemoHistory.Row;
import jakarta.json.JsonObject;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoHistoryTest {

    private static final LocalDate END = LocalDate.of(2026, 11, 30);
    /** A quarter of the full size: the same rhythm and shares, and it fits the tests' 1 GB heap with room to spare. */
    private static final double SCALE = 0.25;

    private static History full;

    @BeforeAll
    static void generateAQuarterOfTheFullHistory() {
        Options defaults = Options.full(END);
        full = DemoHistory.generate(new Options(defaults.seed(), END, SCALE, defaults.zone()));
    }

    @Test
    void theSameOptionsGiveTheSameFileAndAnotherSeedAnotherOne() {
        Options small = new Options(7, END, 0.05, ZoneId.of("Europe/Moscow"));
        assertThat(ndjson(DemoHistory.generate(small))).isEqualTo(ndjson(DemoHistory.generate(small)));
        assertThat(ndjson(DemoHistory.generate(new Options(8, END, 0.05, ZoneId.of("Europe/Moscow")))))
                .isNotEqualTo(ndjson(DemoHistory.generate(small)));
    }

    @Test
    void hasTheSizeOfARealDepartmentOverTwoYears() {
        // Full size (scale 1.0): about 50 000 leads and 15 000 deals; here a quarter of that.
        Map<String, Integer> counts = full.counts();
        assertThat(counts.get("lead")).isBetween(scaled(47_000), scaled(53_000));
        assertThat(counts.get("deal.from-lead") + counts.get("deal.direct")).isBetween(scaled(12_000), scaled(18_000));
        assertThat(counts.get("deal.direct"))
                .as("repeat deals of returning clients")
                .isGreaterThan(scaled(1_000));
        assertThat(counts.get("deal.won")).isGreaterThan(scaled(5_000));
        assertThat(counts.get("lead.rejected")).isGreaterThan(scaled(10_000));
        assertThat(counts.get("task.left-open")).as("overdue tasks at the end").isPositive();
        assertThat(counts.get("plan"))
                .as("a plan a month for every manager at work")
                .isBetween(24 * scaled(25), 25 * scaled(30));
        assertThat(types())
                .contains(
                        "team",
                        "manager",
                        "manager-dismissal",
                        "product",
                        "pipeline",
                        "client",
                        "lead",
                        "contact-attempt",
                        "lead-conversion",
                        "deal",
                        "task",
                        "activity",
                        "plan");
        assertThat(full.rows().stream()
                        .filter(r -> r.record().getString("recordType").equals("manager"))
                        .count())
                .isEqualTo(scaled(30));
    }

    @Test
    void everyRecordIsAnIdentifiedChangeInTimeOrderAndNoneLiesInTheFuture() {
        Instant end = END.plusDays(1).atStartOfDay(ZoneId.of("Europe/Moscow")).toInstant();
        Instant previous = Instant.MIN;
        for (Row row : full.rows()) {
            JsonObject record = row.record();
            assertThat(record.getString("externalSystem")).isEqualTo(DemoHistory.SYSTEM);
            assertThat(record.getString("externalId")).isNotBlank();
            Instant at = Instant.parse(record.getString("occurredAt"));
            assertThat(at).isEqualTo(row.at()).isBefore(end).isAfterOrEqualTo(previous);
            previous = at;
        }
    }

    @Test
    void everyReferenceNamesSomethingSentEarlier() {
        Set<String> known = new HashSet<>();
        for (Row row : full.rows()) {
            JsonObject record = row.record();
            if (record.getString("recordType").equals("lead-conversion")) {
                known.add(record.getJsonObject("dealRef").getString("externalId"));
            }
            for (String field : record.keySet()) {
                if (field.endsWith("Ref")) {
                    String target = record.getJsonObject(field).getString("externalId");
                    // a plain look-up: AssertJ's contains() walks the whole set, which is quadratic over the file
                    if (!known.contains(target)) {
                        fail(
                                "%s of %s names %s, which was not sent before",
                                field, record.getString("externalId"), target);
                    }
                }
            }
            known.add(record.getString("externalId"));
            if (record.containsKey("stages")) {
                record.getJsonArray("stages")
                        .forEach(s -> known.add(s.asJsonObject().getString("externalId")));
            }
        }
    }

    @Test
    void everyLeadStateCarriesItsSourceAndAContactAndRejectionsAReasonLeadServiceKnows() {
        Set<String> reasons = Set.of("junk", "duplicate", "not_target", "no_budget", "unreachable", "competitor");
        for (Row row : rowsOf("lead")) {
            JsonObject lead = row.record();
            assertThat(lead.getString("source")).isNotBlank();
            assertThat(lead.containsKey("phone") || lead.containsKey("email"))
                    .as("a contact in %s", lead)
                    .isTrue();
            assertThat(lead.containsKey("rejectionReason"))
                    .isEqualTo(lead.getString("status").equals("REJECTED"));
            if (lead.containsKey("rejectionReason")) {
                assertThat(reasons).contains(lead.getString("rejectionReason"));
            }
        }
    }

    @Test
    void contactAttemptsAreMadeWhileTheLeadIsOpen() {
        Map<String, Instant> closed = new HashMap<>();
        for (Row row : full.rows()) {
            JsonObject record = row.record();
            String type = record.getString("recordType");
            if (type.equals("lead-conversion")
                    || type.equals("lead") && record.getString("status").equals("REJECTED")) {
                closed.put(record.getString("externalId"), row.at());
            } else if (type.equals("contact-attempt")) {
                String lead = record.getJsonObject("leadRef").getString("externalId");
                assertThat(closed).as("%s after its lead closed", record).doesNotContainKey(lead);
                assertThat(record.getString("outcome"))
                        .isIn("REACHED", "NO_ANSWER", "BUSY", "WRONG_NUMBER", "CALL_BACK_LATER");
            }
        }
    }

    @Test
    void aConvertedLeadsDealIsSentBeforeTheConversionNamingIt() {
        Set<String> sentDeals = new HashSet<>();
        for (Row row : full.rows()) {
            JsonObject record = row.record();
            if (record.getString("recordType").equals("deal")) {
                sentDeals.add(record.getString("externalId"));
                assertThat(record.getJsonObject("pipelineRef").getString("externalId"))
                        .isEqualTo("pipeline-main");
                assertThat(record.containsKey("stageRef")).isTrue();
            } else if (record.getString("recordType").equals("lead-conversion")) {
                assertThat(sentDeals).contains(record.getJsonObject("dealRef").getString("externalId"));
                assertThat(record.keySet())
                        .containsOnly("recordType", "externalSystem", "externalId", "dealRef", "occurredAt");
            }
        }
    }

    @Test
    void nothingNamesTheDismissedManagerAfterHeLeftAndNothingBypassesTheImport() {
        Row dismissal = rowsOf("manager-dismissal").get(0);
        JsonObject record = dismissal.record();
        // the envelope and lead-service's dismissal body, nothing else
        assertThat(record.keySet())
                .containsExactlyInAnyOrder(
                        "recordType", "externalSystem", "externalId", "reason", "cards", "toManagerRefs", "occurredAt");
        assertThat(record.getString("cards")).isEqualTo("TRANSFER_TO_NAMED");
        assertThat(record.getJsonArray("toManagerRefs")).hasSize(1);
        String gone = record.getString("externalId");
        for (Row row : full.rows()) {
            if (row.at().isBefore(dismissal.at()) || row == dismissal) {
                continue;
            }
            for (String field : List.of("managerRef", "assigneeRef")) {
                if (row.record().containsKey(field)) {
                    assertThat(row.record().getJsonObject(field).getString("externalId"))
                            .as("%s", row.record())
                            .isNotEqualTo(gone);
                }
            }
        }
        // every row goes through the import, the dismissal at its place in time: the history goes on after it
        assertThat(full.importRows()).isEqualTo(full.rows());
        assertThat(full.importRows().indexOf(dismissal))
                .isBetween(1, full.importRows().size() - 2);
    }

    @Test
    void plansAreImportRowsInDealServicesPlanShapeNamingTheirManagerByReference() {
        Set<String> managers = new HashSet<>();
        rowsOf("manager").forEach(row -> managers.add(row.record().getString("externalId")));
        List<Row> plans = rowsOf("plan");
        assertThat(plans).isNotEmpty();
        for (Row row : plans) {
            JsonObject plan = row.record();
            // PUT /api/v1/plans/by-ref/{system}/{id}: PlanStateRequest, exactly one owner, here the manager
            assertThat(plan.keySet())
                    .containsOnly(
                            "recordType",
                            "externalSystem",
                            "externalId",
                            "month",
                            "managerRef",
                            "amount",
                            "dealCount",
                            "occurredAt");
            assertThat(managers.contains(plan.getJsonObject("managerRef").getString("externalId")))
                    .isTrue();
            assertThat(plan.getString("month")).matches("\\d{4}-\\d{2}");
            assertThat(plan.getJsonNumber("amount").bigDecimalValue()).isPositive();
            assertThat(plan.getInt("dealCount")).isPositive();
            // set before the month begins
            assertThat(row.at().atZone(ZoneId.of("Europe/Moscow")).toLocalDate())
                    .isBefore(java.time.YearMonth.parse(plan.getString("month")).atDay(1));
        }
    }

    @Test
    void managersHaveShiftsAndClientsTheirKindAndContacts() {
        for (Row row : rowsOf("manager")) {
            assertThat(row.record().getJsonArray("shifts")).isNotEmpty();
            assertThat(row.record().getInt("capacity")).isPositive();
        }
        for (Row row : rowsOf("client")) {
            assertThat(row.record().getString("kind")).isEqualTo("PERSON");
            assertThat(row.record().getJsonArray("contacts").getJsonObject(0).getString("kind"))
                    .isEqualTo("PHONE");
        }
    }

    private static List<Row> rowsOf(String type) {
        return full.rows().stream().filter(r -> r.recordType().equals(type)).toList();
    }

    @Test
    void leadsFollowTheSeasonsAndTheWorkingWeek() {
        Map<Month, Integer> byMonth = new HashMap<>();
        int weekend = 0;
        int weekday = 0;
        for (Row row : full.rows()) {
            if (row.record().getString("recordType").equals("lead")
                    && row.record().getString("status").equals("NEW")) {
                var local = row.at().atZone(ZoneId.of("Europe/Moscow"));
                byMonth.merge(local.getMonth(), 1, Integer::sum);
                if (local.getDayOfWeek().getValue() >= 6) {
                    weekend++;
                } else {
                    weekday++;
                }
            }
        }
        assertThat(byMonth.get(Month.OCTOBER)).isGreaterThan((int) (byMonth.get(Month.JANUARY) * 1.5));
        assertThat(weekend / 2.0).isLessThan(weekday / 5.0 / 2);
    }

    private static int scaled(int fullSize) {
        return (int) Math.round(fullSize * SCALE);
    }

    private static Set<String> types() {
        Set<String> types = new HashSet<>();
        full.rows().forEach(r -> types.add(r.record().getString("recordType")));
        return types;
    }

    private static String ndjson(History history) {
        StringWriter out = new StringWriter();
        history.writeTo(out);
        return out.toString();
    }
}
