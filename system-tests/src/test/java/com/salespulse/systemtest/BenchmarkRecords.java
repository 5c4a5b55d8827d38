package com.salespulse.systemtest;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The records {@link ImportBenchmark} sends, in the shapes of the import API (docs/imports.md) and of the demo history
 * ({@code local-stack/…/demo/DemoHistory}), generated from a seed: the same seed, size and external system give the
 * same records. Every stream is in its own external system, so each is a set of fresh references; the names of
 * teams, managers, products and pipelines carry it too (a tenant's team names are unique).
 */
final class BenchmarkRecords {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final int MANAGERS = 10;
    private static final String[] SOURCES = {"website", "call", "instagram", "exhibition", "referral"};
    private static final String[] NAMES = {
        "Анна Петрова",
        "Иван Смирнов",
        "Мария Кузнецова",
        "Олег Попов",
        "Елена Васильева",
        "Павел Соколов",
        "Ольга Михайлова",
        "Сергей Новиков"
    };
    private static final String[] LOSSES = {"PRICE", "COMPETITOR", "NO_NEED", "NO_BUDGET", "NO_RESPONSE"};
    private static final String[] OPEN_STAGES = {"stage-qualification", "stage-presentation", "stage-offer"};
    private static final int[] PRICES = {24_000, 48_000, 96_000, 6_000, 9_000, 60_000, 30_000, 36_000, 18_000, 45_000};

    /**
     * One row: its owner ({@code lead} or {@code deal}), the collection of the owner's PUT by reference, and the row as
     * the import file has it.
     */
    record Row(
            String owner,
            String collection,
            String recordType,
            String externalSystem,
            String externalId,
            JsonObject body) {

        /** The NDJSON line: the kind and reference, then the owner's body. */
        String line() {
            JsonObjectBuilder line = JSON.createObjectBuilder()
                    .add("recordType", recordType)
                    .add("externalSystem", externalSystem)
                    .add("externalId", externalId);
            body.forEach(line::add);
            return line.build().toString();
        }
    }

    private final String system;
    private final SplittableRandom random;
    /** Far enough back that four changes a day apart stay in the past; whole seconds, as an export has them. */
    private final Instant base = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);

    private final List<Row> rows = new ArrayList<>();

    private BenchmarkRecords(String system, long seed) {
        this.system = system;
        this.random = new SplittableRandom(seed);
    }

    /** A team and {@value #MANAGERS} managers, then {@code leads} leads, one row each (status NEW, a manager). */
    static List<Row> leads(String system, long seed, int leads) {
        BenchmarkRecords records = new BenchmarkRecords(system, seed);
        records.roster();
        for (int i = 1; i <= leads; i++) {
            records.lead(i);
        }
        return List.copyOf(records.rows);
    }

    /**
     * A team, {@value #MANAGERS} managers, ten products, a pipeline and one client per deal; then per deal four rows
     * of its history: opened (with one to three product lines), two stage moves a day apart, won or lost.
     */
    static List<Row> dealsWithHistory(String system, long seed, int deals) {
        BenchmarkRecords records = new BenchmarkRecords(system, seed);
        records.roster();
        records.catalogue();
        for (int i = 1; i <= deals; i++) {
            records.client(i);
        }
        for (int i = 1; i <= deals; i++) {
            records.deal(i);
        }
        return List.copyOf(records.rows);
    }

    private void roster() {
        Instant hired = base.minus(Duration.ofDays(30));
        add(
                "lead",
                "teams",
                "team",
                "team-1",
                JSON.createObjectBuilder().add("name", "Входящие " + system).add("occurredAt", hired.toString()));
        for (int m = 1; m <= MANAGERS; m++) {
            var shifts = JSON.createArrayBuilder();
            for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
                shifts.add(JSON.createObjectBuilder()
                        .add("day", day)
                        .add("start", "09:00")
                        .add("end", "18:00"));
            }
            add(
                    "lead",
                    "managers",
                    "manager",
                    manager(m),
                    JSON.createObjectBuilder()
                            .add("name", NAMES[m % NAMES.length] + " " + m + " " + system)
                            .add("teamRef", ref("team-1"))
                            .add("capacity", 40)
                            .add("shifts", shifts)
                            .add("occurredAt", hired.plusSeconds(m).toString()));
        }
    }

    private void catalogue() {
        Instant at = base.minus(Duration.ofDays(20));
        for (int p = 0; p < PRICES.length; p++) {
            add(
                    "deal",
                    "products",
                    "product",
                    "product-" + p,
                    JSON.createObjectBuilder()
                            .add("name", "Продукт " + p + " " + system)
                            .add("category", "Лицензии")
                            .add("unit", "licence")
                            .add("listPrice", PRICES[p])
                            .add("currency", "RUB")
                            .add("occurredAt", at.toString()));
        }
        var stages = JSON.createArrayBuilder();
        String[][] all = {
            {OPEN_STAGES[0], "20", "OPEN"},
            {OPEN_STAGES[1], "40", "OPEN"},
            {OPEN_STAGES[2], "60", "OPEN"},
            {"stage-won", "100", "WON"},
            {"stage-lost", "0", "LOST"}
        };
        for (String[] stage : all) {
            stages.add(JSON.createObjectBuilder()
                    .add("externalSystem", system)
                    .add("externalId", stage[0])
                    .add("name", stage[0])
                    .add("probability", Integer.parseInt(stage[1]))
                    .add("kind", stage[2]));
        }
        add(
                "deal",
                "pipelines",
                "pipeline",
                "pipeline-main",
                JSON.createObjectBuilder()
                        .add("name", "Продажи " + system)
                        .add("stages", stages)
                        .add("occurredAt", at.toString()));
    }

    private void lead(int number) {
        add(
                "lead",
                "leads",
                "lead",
                String.format("lead-%06d", number),
                JSON.createObjectBuilder()
                        .add("source", SOURCES[random.nextInt(SOURCES.length)])
                        .add("clientName", NAMES[random.nextInt(NAMES.length)])
                        .add("phone", phone())
                        .add("managerRef", ref(manager(1 + random.nextInt(MANAGERS))))
                        .add("status", "NEW")
                        .add("occurredAt", base.plusSeconds(60L * number).toString()));
    }

    private void client(int number) {
        add(
                "lead",
                "clients",
                "client",
                clientRef(number),
                JSON.createObjectBuilder()
                        .add("kind", "PERSON")
                        .add("name", NAMES[random.nextInt(NAMES.length)] + " " + number)
                        .add(
                                "contacts",
                                JSON.createArrayBuilder()
                                        .add(JSON.createObjectBuilder()
                                                .add("kind", "PHONE")
                                                .add("value", phone())))
                        .add("occurredAt", base.minus(Duration.ofDays(10)).toString()));
    }

    private void deal(int number) {
        var lines = JSON.createArrayBuilder();
        BigDecimal amount = BigDecimal.ZERO;
        for (int l = 0, count = 1 + random.nextInt(3); l < count; l++) {
            int product = random.nextInt(PRICES.length);
            int quantity = 1 + random.nextInt(5);
            amount = amount.add(BigDecimal.valueOf((long) PRICES[product] * quantity));
            lines.add(JSON.createObjectBuilder()
                    .add("productRef", ref("product-" + product))
                    .add("quantity", quantity)
                    .add("unitPrice", PRICES[product]));
        }
        JsonObject terms = JSON.createObjectBuilder()
                .add("clientRef", ref(clientRef(number)))
                .add("pipelineRef", ref("pipeline-main"))
                .add("amount", amount.setScale(2, RoundingMode.HALF_UP))
                .add("currency", "RUB")
                .add("lines", lines)
                .add("source", SOURCES[random.nextInt(SOURCES.length)])
                .add("managerRef", ref(manager(1 + random.nextInt(MANAGERS))))
                .build();
        String dealRef = String.format("deal-%06d", number);
        Instant opened = base.plus(Duration.ofMinutes(10L * number));
        for (int s = 0; s < OPEN_STAGES.length; s++) {
            add(
                    "deal",
                    "deals",
                    "deal",
                    dealRef,
                    JSON.createObjectBuilder(terms)
                            .add("stageRef", ref(OPEN_STAGES[s]))
                            .add("occurredAt", opened.plus(Duration.ofDays(s)).toString()));
        }
        JsonObjectBuilder closed = JSON.createObjectBuilder(terms)
                .add(
                        "occurredAt",
                        opened.plus(Duration.ofDays(OPEN_STAGES.length)).toString());
        if (random.nextBoolean()) {
            closed.add("stageRef", ref("stage-won"));
        } else {
            closed.add("stageRef", ref("stage-lost")).add("lossReason", LOSSES[random.nextInt(LOSSES.length)]);
        }
        add("deal", "deals", "deal", dealRef, closed);
    }

    private void add(String owner, String collection, String recordType, String externalId, JsonObjectBuilder body) {
        rows.add(new Row(owner, collection, recordType, system, externalId, body.build()));
    }

    private JsonObject ref(String externalId) {
        return JSON.createObjectBuilder()
                .add("externalSystem", system)
                .add("externalId", externalId)
                .build();
    }

    private static String manager(int number) {
        return String.format("manager-%02d", number);
    }

    private static String clientRef(int number) {
        return String.format("client-%06d", number);
    }

    private String phone() {
        return String.format(
                "+7 9%02d %03d-%02d-%02d",
                random.nextInt(100), random.nextInt(1000), random.nextInt(100), random.nextInt(100));
    }
}
