package com.salespulse.localstack.demo;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A realistic two-year history of one sales department, as the import API's NDJSON records
 * (docs/integrations.md): three teams and about thirty managers (one dismissed, his cards handed over), leads from
 * several sources with a seasonal and weekly rhythm, rejections with reasons, contact attempts, conversions into
 * deals with products and stage history, wins and losses with reasons, repeat clients and referrals, tasks (some
 * overdue), calls with discounts, and monthly plans.
 *
 * <p>The records are the owners' PUT-by-reference bodies (docs/imports.md), monthly plans included (deal-service's
 * {@code PUT /api/v1/plans/by-ref/...}, the manager named by reference), and the import API takes every one of them:
 * the dismissal too, a {@code manager-dismissal} row at its place in time (lead-service's
 * {@code POST /api/v1/managers/by-ref/{s}/{id}/dismissal}, which hands the open cards over at the dismissal's
 * business time).
 *
 * <p>Deterministic: the same {@link Options} give the same records, byte for byte. Every record carries an
 * external reference in the system {@value #SYSTEM} and an {@code occurredAt}; records are in time order, so a
 * card's history is applied in the order it happened. {@link #generate} also returns the facts a test needs to
 * work out the expected figures (which deals were won when, for how much, by whom).
 */
public final class DemoHistory {

    /** The external system every demo record is referenced in. */
    public static final String SYSTEM = "demo";

    /** One factory: {@code Json.createObjectBuilder()} looks the provider up on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** Relative lead intake per calendar month (January first): a winter dip, a spring and an autumn high. */
    static final double[] MONTH_WEIGHT = {0.70, 0.85, 1.10, 1.15, 1.00, 0.85, 0.75, 0.80, 1.15, 1.25, 1.20, 1.20};
    /** Relative lead intake per day of week (Monday first). */
    static final double[] WEEKDAY_WEIGHT = {1.15, 1.10, 1.10, 1.05, 1.00, 0.40, 0.20};

    private static final String[] SOURCES = {"website", "call", "instagram", "exhibition", "referral"};
    private static final double[] SOURCE_WEIGHT = {0.40, 0.25, 0.15, 0.10, 0.10};
    private static final String[] REJECTIONS = {"junk", "not_target", "no_budget", "unreachable", "competitor"};
    private static final double[] REJECTION_WEIGHT = {0.30, 0.25, 0.20, 0.15, 0.10};
    private static final String[] LOSSES = {"PRICE", "COMPETITOR", "NO_NEED", "NO_BUDGET", "NO_RESPONSE"};
    private static final double[] LOSS_WEIGHT = {0.35, 0.25, 0.15, 0.15, 0.10};
    private static final String[] FIRST_NAMES = {
        "Анна",
        "Иван",
        "Мария",
        "Олег",
        "Елена",
        "Павел",
        "Ольга",
        "Сергей",
        "Наталья",
        "Дмитрий",
        "Ирина",
        "Алексей",
        "Татьяна",
        "Михаил",
        "Светлана"
    };
    private static final String[] LAST_NAMES = {
        "Иванов",
        "Смирнов",
        "Кузнецов",
        "Попов",
        "Васильев",
        "Петров",
        "Соколов",
        "Михайлов",
        "Новиков",
        "Фёдоров",
        "Морозов",
        "Волков",
        "Алексеев",
        "Лебедев",
        "Семёнов"
    };

    /** The pipeline's open stages in order, then its WON and LOST stage. */
    static final List<Stage> STAGES = List.of(
            new Stage("stage-qualification", "Квалификация", 20, "OPEN"),
            new Stage("stage-presentation", "Презентация", 40, "OPEN"),
            new Stage("stage-offer", "Коммерческое предложение", 60, "OPEN"),
            new Stage("stage-negotiation", "Переговоры", 80, "OPEN"),
            new Stage("stage-won", "Успешно реализовано", 100, "WON"),
            new Stage("stage-lost", "Закрыто и не реализовано", 0, "LOST"));

    private static final List<Product> PRODUCTS = List.of(
            new Product("prod-crm-basic", "CRM «Старт», лицензия на год", "Лицензии", "licence", 24_000),
            new Product("prod-crm-pro", "CRM «Профи», лицензия на год", "Лицензии", "licence", 48_000),
            new Product("prod-crm-corp", "CRM «Корпорация», лицензия на год", "Лицензии", "licence", 96_000),
            new Product("prod-telephony", "Телефония, пакет 1000 минут", "Связь", "package", 6_000),
            new Product("prod-sms", "SMS-рассылки, 10 000 сообщений", "Связь", "package", 9_000),
            new Product("prod-setup", "Внедрение под ключ", "Услуги", "project", 60_000),
            new Product("prod-training", "Обучение отдела продаж", "Услуги", "day", 30_000),
            new Product("prod-support", "Приоритетная поддержка, год", "Услуги", "year", 36_000),
            new Product("prod-analytics", "Модуль аналитики", "Модули", "licence", 18_000),
            new Product("prod-integration", "Интеграция с 1С", "Модули", "project", 45_000));

    /**
     * What to generate.
     *
     * @param seed the random seed; the same options give the same file
     * @param endDate the last day of the history (the import's "yesterday"); the history covers 24 months before it
     * @param scale 1.0 for the full size (about 50 000 leads, 15 000 deals, 30 managers); smaller for quick runs
     * @param zone the company's time zone: working hours and month boundaries are read in it
     */
    public record Options(long seed, LocalDate endDate, double scale, ZoneId zone) {

        public static Options full(LocalDate endDate) {
            return new Options(20261203L, endDate, 1.0, ZoneId.of("Europe/Moscow"));
        }
    }

    /** One NDJSON line: when its change happened, and the record. */
    public record Row(Instant at, long order, JsonObject record) {

        public String recordType() {
            return record.getString("recordType");
        }
    }

    /** A deal as it ended, for tests that work out expected figures. */
    public record DealFact(
            String ref,
            String clientRef,
            String managerRef,
            Instant openedAt,
            Instant closedAt,
            String outcome,
            BigDecimal amount,
            boolean repeat,
            String source) {}

    /** The generated history: its rows in time order and the facts behind them. */
    public record History(List<Row> rows, List<DealFact> deals, Map<String, Integer> counts) {

        /** The rows to import, in time order: every row, the dismissal included. */
        public List<Row> importRows() {
            return rows;
        }

        /** Writes the rows as NDJSON, one record a line. */
        public void writeTo(Writer out) {
            writeTo(out, rows);
        }

        /** Writes the given rows as NDJSON, one record a line. */
        public static void writeTo(Writer out, List<Row> rows) {
            try {
                for (Row row : rows) {
                    out.write(row.record().toString());
                    out.write('\n');
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Stage(String ref, String name, int probability, String kind) {}

    record Product(String ref, String name, String category, String unit, int listPrice) {}

    private record Manager(String ref, String name, String teamRef, Instant hiredAt) {}

    private record WonClient(String clientRef, String clientName, String managerRef, Instant wonAt) {}

    private final Options options;
    private final SplittableRandom random;
    private final List<Row> rows = new ArrayList<>();
    private final List<DealFact> deals = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final List<Manager> managers = new ArrayList<>();
    private final List<WonClient> wonClients = new ArrayList<>();
    private final Map<YearMonth, Map<String, BigDecimal>> wonByManagerMonth = new HashMap<>();
    private final Instant start;
    private final Instant end;
    private Manager dismissed;
    private Manager heir;
    private Instant dismissedAt;
    private long order;
    private int clients;
    private int dealNumber;

    private DemoHistory(Options options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.end = options.endDate()
                .plusDays(1)
                .atStartOfDay(options.zone())
                .toInstant()
                .minusSeconds(1);
        this.start =
                options.endDate().minusMonths(24).atStartOfDay(options.zone()).toInstant();
    }

    /** Generates the history the options describe. */
    public static History generate(Options options) {
        DemoHistory history = new DemoHistory(options);
        history.roster();
        history.catalogue();
        history.leads();
        history.repeatDeals();
        history.plans();
        history.rows.sort(Comparator.comparing(Row::at).thenComparing(Row::order));
        return new History(List.copyOf(history.rows), List.copyOf(history.deals), Map.copyOf(history.counts));
    }

    /**
     * Writes the full demo history to a file: {@code DemoHistory <file> [endDate] [scale] [seed]}; the end date
     * defaults to yesterday, the scale to 1.0, the seed to the documented one.
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "demo-history.ndjson");
        LocalDate endDate = args.length > 1
                ? LocalDate.parse(args[1])
                : LocalDate.now(ZoneId.of("Europe/Moscow")).minusDays(1);
        Options defaults = Options.full(endDate);
        Options options = new Options(
                args.length > 3 ? Long.parseLong(args[3]) : defaults.seed(),
                endDate,
                args.length > 2 ? Double.parseDouble(args[2]) : 1.0,
                defaults.zone());
        History history = generate(options);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            History.writeTo(out, history.importRows());
        }
        System.out.println(
                history.importRows().size() + " records to " + file + ": " + new TreeMap<>(history.counts()));
    }

    // ---------------------------------------------------------------- roster and catalogue

    private void roster() {
        Instant founded = start.minus(Duration.ofDays(30));
        String[][] teams = {
            {"team-inbound", "Входящие"}, {"team-outbound", "Исходящие"}, {"team-key-accounts", "Ключевые клиенты"}
        };
        for (String[] team : teams) {
            add(founded, "team", team[0], JSON.createObjectBuilder().add("name", team[1]));
        }
        int size = Math.max(6, (int) Math.round(30 * Math.min(1.0, Math.max(0.1, options.scale()))));
        for (int i = 1; i <= size; i++) {
            String ref = String.format("manager-%02d", i);
            String name = personName(i % FIRST_NAMES.length, (i * 7) % LAST_NAMES.length);
            String teamRef = teams[(i - 1) % 3][0];
            // the last three joined during the first year
            Instant hiredAt =
                    i > size - 3 ? start.plus(Duration.ofDays(60L * (i - size + 3))) : founded.plusSeconds(3600L * i);
            Manager manager = new Manager(ref, name, teamRef, hiredAt);
            managers.add(manager);
            add(
                    hiredAt,
                    "manager",
                    ref,
                    JSON.createObjectBuilder()
                            .add("name", name)
                            .add("teamRef", ref(teamRef))
                            .add("capacity", 40)
                            .add("shifts", shifts(teamRef, i)));
        }
        dismissed = managers.get(2);
        heir = managers.get(5);
        dismissedAt =
                end.minus(Duration.ofDays(45)).truncatedTo(ChronoUnit.DAYS).plusSeconds(14 * 3600);
        add(
                dismissedAt,
                "manager-dismissal",
                dismissed.ref(),
                JSON.createObjectBuilder()
                        .add("reason", "Уволился по собственному желанию")
                        .add("cards", "TRANSFER_TO_NAMED")
                        .add("toManagerRefs", JSON.createArrayBuilder().add(ref(heir.ref()))));
    }

    private void catalogue() {
        Instant at = start.minus(Duration.ofDays(20));
        for (Product product : PRODUCTS) {
            add(
                    at,
                    "product",
                    product.ref(),
                    JSON.createObjectBuilder()
                            .add("name", product.name())
                            .add("category", product.category())
                            .add("unit", product.unit())
                            .add("listPrice", product.listPrice())
                            .add("currency", "RUB"));
        }
        JsonArrayBuilder stages = JSON.createArrayBuilder();
        for (Stage stage : STAGES) {
            stages.add(JSON.createObjectBuilder()
                    .add("externalSystem", SYSTEM)
                    .add("externalId", stage.ref())
                    .add("name", stage.name())
                    .add("probability", stage.probability())
                    .add("kind", stage.kind()));
        }
        add(
                at,
                "pipeline",
                "pipeline-main",
                JSON.createObjectBuilder().add("name", "Продажи").add("stages", stages));
    }

    // ---------------------------------------------------------------- leads and the deals they become

    private void leads() {
        double perDay = 50_000 * options.scale() / 730.0;
        double norm = averageWeight();
        int leadNumber = 0;
        for (LocalDate day = options.endDate().minusMonths(24);
                !day.isAfter(options.endDate());
                day = day.plusDays(1)) {
            double expected = perDay
                    * MONTH_WEIGHT[day.getMonthValue() - 1]
                    * WEEKDAY_WEIGHT[day.getDayOfWeek().getValue() - 1]
                    / norm;
            int n = Draws.poisson(random, expected);
            for (int k = 0; k < n; k++) {
                lead(++leadNumber, day);
            }
        }
    }

    private double averageWeight() {
        double sum = 0;
        int days = 0;
        for (LocalDate day = options.endDate().minusMonths(24);
                !day.isAfter(options.endDate());
                day = day.plusDays(1)) {
            sum += MONTH_WEIGHT[day.getMonthValue() - 1]
                    * WEEKDAY_WEIGHT[day.getDayOfWeek().getValue() - 1];
            days++;
        }
        return sum / days;
    }

    private void lead(int number, LocalDate day) {
        Instant intake = workingTime(day);
        Manager manager = activeManager(intake);
        String ref = String.format("lead-%06d", number);
        String source = Draws.pick(random, SOURCES, SOURCE_WEIGHT);
        String clientName = personName(random.nextInt(FIRST_NAMES.length), random.nextInt(LAST_NAMES.length));
        String clientRef = String.format("client-%06d", ++clients);
        String phone = String.format(
                "+7 9%02d %03d-%02d-%02d",
                random.nextInt(100), random.nextInt(1000), random.nextInt(100), random.nextInt(100));
        double roll = random.nextDouble();
        JsonObjectBuilder lead = JSON.createObjectBuilder().add("source", source);
        if (roll >= 0.28 && roll < 0.55) {
            // a lead that may become a deal: its client gets a reference of its own, so a repeat deal can name it
            add(
                    intake.minusSeconds(1),
                    "client",
                    clientRef,
                    JSON.createObjectBuilder()
                            .add("kind", "PERSON")
                            .add("name", clientName)
                            .add(
                                    "contacts",
                                    JSON.createArrayBuilder()
                                            .add(JSON.createObjectBuilder()
                                                    .add("kind", "PHONE")
                                                    .add("value", phone))));
            lead.add("clientRef", ref(clientRef));
        }
        lead.add("clientName", clientName).add("phone", phone).add("managerRef", ref(manager.ref()));
        WonClient referrer = null;
        if ("referral".equals(source) && !wonClients.isEmpty()) {
            referrer = wonClients.get(random.nextInt(wonClients.size()));
            lead.add("comment", "Рекомендация клиента " + referrer.clientName());
        }
        add(intake, "lead", ref, lead.add("status", "NEW"));
        count("lead");
        // what every later state repeats: lead-service wants the source and a contact in each one
        JsonObject card = JSON.createObjectBuilder()
                .add("source", source)
                .add("clientName", clientName)
                .add("phone", phone)
                .build();

        boolean recent = Duration.between(intake, end).toDays() < 21;
        Instant t = intake.plus(minutes(5, 240));
        attempt(ref, t, "REACHED");
        if (roll < 0.28) {
            Instant rejectedAt = t.plus(hours(1, 72));
            if (!rejectedAt.isBefore(end)) {
                return;
            }
            status(ref, card, rejectedAt, "REJECTED", Draws.pick(random, REJECTIONS, REJECTION_WEIGHT));
            count("lead.rejected");
            return;
        }
        Instant inWork = t.plus(minutes(1, 60));
        status(ref, card, inWork, "IN_WORK", null);
        Instant noAnswer = random.nextDouble() < 0.3 ? inWork.plus(hours(20, 50)) : null;
        Instant qualified = inWork.plus(hours(4, 96));
        if (noAnswer != null && noAnswer.isBefore(qualified)) {
            // a call that went unanswered while the lead was in work (contact attempts are for open leads)
            attempt(ref, noAnswer, "NO_ANSWER");
        }
        if (roll > 0.55 || !qualified.isBefore(end)) {
            if (!recent && roll > 0.55 && qualified.isBefore(end)) {
                status(ref, card, qualified, "REJECTED", Draws.pick(random, REJECTIONS, REJECTION_WEIGHT));
                count("lead.rejected");
            }
            return;
        }
        status(ref, card, qualified, "QUALIFIED", null);
        Instant converted = qualified.plus(hours(2, 120));
        if (!converted.isBefore(end)) {
            return;
        }
        String dealRef = String.format("deal-%06d", ++dealNumber);
        // the deal is sent first, in the pipeline it belongs to; the conversion naming its reference then links the
        // lead to it (a conversion alone would open the deal in the tenant's default pipeline)
        deal(dealRef, clientRef, clientName, manager, converted, source, referrer, false);
        add(converted, "lead-conversion", ref, JSON.createObjectBuilder().add("dealRef", ref(dealRef)));
        count("lead.converted");
    }

    private void repeatDeals() {
        // a quarter of the clients who bought once come back within 2-8 months
        List<WonClient> firstWins = List.copyOf(wonClients);
        for (WonClient client : firstWins) {
            if (random.nextDouble() >= 0.25) {
                continue;
            }
            Instant opened = client.wonAt()
                    .plus(Duration.ofDays(60 + random.nextInt(180)))
                    .plus(hours(0, 8));
            if (!opened.isBefore(end.minus(Duration.ofDays(2)))) {
                continue;
            }
            Manager manager = managers.stream()
                    .filter(m -> m.ref().equals(client.managerRef()))
                    .findFirst()
                    .orElseThrow();
            String dealRef = String.format("deal-%06d", ++dealNumber);
            deal(dealRef, client.clientRef(), client.clientName(), manager, opened, "repeat", null, true);
        }
    }

    private void deal(
            String dealRef,
            String clientRef,
            String clientName,
            Manager manager,
            Instant opened,
            String source,
            WonClient referrer,
            boolean direct) {
        List<JsonObject> lines = new ArrayList<>();
        BigDecimal amount = BigDecimal.ZERO;
        int lineCount = 1 + random.nextInt(3);
        for (int i = 0; i < lineCount; i++) {
            Product product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
            int quantity = 1 + random.nextInt(product.unit().equals("licence") ? 10 : 2);
            int discount = random.nextDouble() < 0.3 ? 5 * (1 + random.nextInt(3)) : 0;
            BigDecimal lineAmount = BigDecimal.valueOf(product.listPrice())
                    .multiply(BigDecimal.valueOf(quantity))
                    .multiply(BigDecimal.valueOf(100 - discount))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            amount = amount.add(lineAmount);
            JsonObjectBuilder line = JSON.createObjectBuilder()
                    .add("productRef", ref(product.ref()))
                    .add("quantity", quantity)
                    .add("unitPrice", product.listPrice());
            if (discount > 0) {
                line.add("discountPercent", discount);
            }
            lines.add(line.build());
        }
        // the deal's state, re-sent with every change (a state upsert by reference)
        JsonArrayBuilder lineArray = JSON.createArrayBuilder();
        lines.forEach(lineArray::add);
        JsonArray linesJson = lineArray.build();
        JsonObjectBuilder state = JSON.createObjectBuilder()
                .add("clientRef", ref(clientRef))
                .add("clientName", clientName)
                .add("pipelineRef", ref("pipeline-main"))
                .add("amount", amount)
                .add("currency", "RUB")
                .add("lines", linesJson)
                .add("source", source);
        if (referrer != null) {
            state.add("referredByClientRef", ref(referrer.clientRef()));
        }
        count(direct ? "deal.direct" : "deal.from-lead");
        JsonObject terms = state.build();
        add(
                opened,
                "deal",
                dealRef,
                dealState(terms, manager, opened, STAGES.get(0).ref()));
        // a log-normal cycle: median about three weeks, a long tail of months
        double cycleDays = Math.exp(Math.log(21) + 0.7 * random.nextGaussian());
        Instant closes = opened.plus(Duration.ofMinutes((long) (cycleDays * 24 * 60)));
        double outcome = random.nextDouble();
        int stagesReached = outcome < 0.5 ? 3 : 1 + random.nextInt(3);
        Duration step = Duration.between(opened, closes).dividedBy(stagesReached + 1);
        activity(dealRef, manager, clientRef, opened.plus(hours(1, 24)), random.nextDouble() < 0.2);
        task(dealRef, manager, opened.plus(hours(1, 4)), closes.isAfter(end));
        for (int s = 1; s <= stagesReached; s++) {
            Instant moved = opened.plus(step.multipliedBy(s));
            if (!moved.isBefore(end)) {
                return;
            }
            add(
                    moved,
                    "deal",
                    dealRef,
                    dealState(terms, manager, moved, STAGES.get(s).ref()));
            if (random.nextDouble() < 0.5) {
                activity(dealRef, manager, clientRef, moved.plus(hours(1, 30)), random.nextDouble() < 0.3);
            }
        }
        if (!closes.isBefore(end)) {
            return;
        }
        Manager closer = ownerAt(manager, closes);
        if (outcome < 0.5) {
            add(closes, "deal", dealRef, dealState(terms, manager, closes, "stage-won"));
            deals.add(new DealFact(dealRef, clientRef, closer.ref(), opened, closes, "WON", amount, direct, source));
            wonClients.add(new WonClient(clientRef, clientName, manager.ref(), closes));
            wonByManagerMonth
                    .computeIfAbsent(YearMonth.from(closes.atZone(options.zone())), m -> new HashMap<>())
                    .merge(closer.ref(), amount, BigDecimal::add);
            count("deal.won");
        } else {
            add(
                    closes,
                    "deal",
                    dealRef,
                    dealState(terms, manager, closes, "stage-lost")
                            .add("lossReason", Draws.pick(random, LOSSES, LOSS_WEIGHT)));
            deals.add(new DealFact(dealRef, clientRef, closer.ref(), opened, closes, "LOST", amount, direct, source));
            count("deal.lost");
        }
    }

    private void plans() {
        YearMonth first = YearMonth.from(start.atZone(options.zone()));
        YearMonth last = YearMonth.from(options.endDate());
        Map<String, BigDecimal> previous = new HashMap<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            Instant setAt = month.atDay(1)
                    .atTime(9, 0)
                    .atZone(options.zone())
                    .toInstant()
                    .minus(Duration.ofDays(3));
            if (setAt.isAfter(end)) {
                break;
            }
            Map<String, BigDecimal> won = wonByManagerMonth.getOrDefault(month.minusMonths(1), Map.of());
            for (Manager manager : managers) {
                if (manager.hiredAt().isAfter(setAt) || manager == dismissed && !setAt.isBefore(dismissedAt)) {
                    continue;
                }
                BigDecimal base = won.getOrDefault(
                        manager.ref(), previous.getOrDefault(manager.ref(), BigDecimal.valueOf(300_000)));
                BigDecimal target = base.multiply(BigDecimal.valueOf(1.1))
                        .setScale(-4, RoundingMode.HALF_UP)
                        .max(BigDecimal.valueOf(100_000));
                previous.put(manager.ref(), target);
                // deal-service's PlanStateRequest: the month, its owner by reference, the targets
                add(
                        setAt,
                        "plan",
                        "plan-" + month + "-" + manager.ref(),
                        JSON.createObjectBuilder()
                                .add("month", month.toString())
                                .add("managerRef", ref(manager.ref()))
                                .add("amount", target)
                                .add(
                                        "dealCount",
                                        Math.max(
                                                1,
                                                target.divide(BigDecimal.valueOf(150_000), 0, RoundingMode.HALF_UP)
                                                        .intValue())));
                count("plan");
            }
        }
    }

    // ---------------------------------------------------------------- small records

    /**
     * The deal's state at {@code at}: its terms, its stage, and its owner then (the dismissed manager's heir once he
     * has left: a state naming a dismissed owner is refused).
     */
    private JsonObjectBuilder dealState(JsonObject terms, Manager manager, Instant at, String stageRef) {
        return copy(terms).add("managerRef", ref(ownerAt(manager, at).ref())).add("stageRef", ref(stageRef));
    }

    /**
     * A lead's later state: its status (and reason) with the card's source and contact, which lead-service wants in
     * every state; the owner is left as it was.
     */
    private void status(String leadRef, JsonObject card, Instant at, String status, String reason) {
        JsonObjectBuilder body = copy(card).add("status", status);
        if (reason != null) {
            body.add("rejectionReason", reason);
        }
        add(at, "lead", leadRef, body);
    }

    /** Who works a card of {@code manager} at {@code at}: the dismissed manager's cards go to his heir. */
    private Manager ownerAt(Manager manager, Instant at) {
        return manager == dismissed && !at.isBefore(dismissedAt) ? heir : manager;
    }

    /** Weekly working windows: the inbound team in two overlapping shifts, seven days; the others Monday to Friday. */
    private static JsonArray shifts(String teamRef, int number) {
        JsonArrayBuilder shifts = JSON.createArrayBuilder();
        String[] days = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
        boolean inbound = teamRef.equals("team-inbound");
        boolean early = number % 2 == 0;
        String start = inbound ? (early ? "08:00" : "12:00") : teamRef.equals("team-outbound") ? "09:00" : "10:00";
        String endTime = inbound ? (early ? "16:00" : "20:00") : teamRef.equals("team-outbound") ? "18:00" : "19:00";
        for (int d = 0; d < (inbound ? 7 : 5); d++) {
            shifts.add(JSON.createObjectBuilder()
                    .add("day", days[d])
                    .add("start", start)
                    .add("end", endTime));
        }
        return shifts.build();
    }

    private void attempt(String leadRef, Instant at, String outcome) {
        if (!at.isBefore(end)) {
            return;
        }
        String ref = leadRef + "-attempt-" + (order + 1);
        add(
                at,
                "contact-attempt",
                ref,
                JSON.createObjectBuilder().add("leadRef", ref(leadRef)).add("outcome", outcome));
        count("contact-attempt");
    }

    private void activity(String dealRef, Manager manager, String clientRef, Instant at, boolean discount) {
        if (!at.isBefore(end)) {
            return;
        }
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("cardType", "DEAL")
                .add("cardRef", ref(dealRef))
                .add("clientRef", ref(clientRef))
                .add("managerRef", ref(ownerAt(manager, at).ref()))
                .add("type", "CALL")
                .add("direction", random.nextDouble() < 0.7 ? "OUTBOUND" : "INBOUND")
                .add("outcome", "reached")
                .add("durationSeconds", 60 + random.nextInt(900))
                .add("doNotContact", false);
        if (discount) {
            body.add("discountOfferedPercent", 5 * (1 + random.nextInt(4)));
        }
        add(at, "activity", dealRef + "-activity-" + (order + 1), body);
        count("activity");
    }

    private void task(String dealRef, Manager manager, Instant at, boolean mayStayOpen) {
        if (!at.isBefore(end)) {
            return;
        }
        String ref = dealRef + "-task-" + (order + 1);
        Instant due = at.plus(Duration.ofDays(1 + random.nextInt(5)));
        JsonObject task = JSON.createObjectBuilder()
                .add("cardType", "DEAL")
                .add("cardRef", ref(dealRef))
                .add("type", "CALL")
                .add("title", "Перезвонить клиенту")
                .add("dueAt", due.toString())
                .build();
        add(
                at,
                "task",
                ref,
                copy(task).add("assigneeRef", ref(ownerAt(manager, at).ref())));
        count("task");
        Instant done = due.minus(hours(0, 30));
        boolean overdue = mayStayOpen && random.nextDouble() < 0.3;
        if (!overdue && done.isAfter(at) && done.isBefore(end)) {
            add(
                    done,
                    "task",
                    ref,
                    copy(task)
                            .add("assigneeRef", ref(ownerAt(manager, done).ref()))
                            .add("status", "DONE")
                            .add("outcome", "Созвонились"));
        } else if (overdue) {
            count("task.left-open");
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void add(Instant at, String type, String externalId, JsonObjectBuilder body) {
        JsonObject built = body.build();
        JsonObjectBuilder record = JSON.createObjectBuilder()
                .add("recordType", type)
                .add("externalSystem", SYSTEM)
                .add("externalId", externalId);
        built.forEach(record::add);
        record.add("occurredAt", at.toString());
        rows.add(new Row(at, order++, record.build()));
    }

    private static JsonObjectBuilder copy(JsonObject object) {
        return JSON.createObjectBuilder(object);
    }

    private static JsonObject ref(String externalId) {
        return JSON.createObjectBuilder()
                .add("externalSystem", SYSTEM)
                .add("externalId", externalId)
                .build();
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private static final Set<String> FEMALE =
            Set.of("Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Татьяна", "Светлана");

    /** A first name and a surname that agrees with it (Иванов, Иванова). */
    private static String personName(int first, int last) {
        String name = FIRST_NAMES[first];
        return name + " " + LAST_NAMES[last] + (FEMALE.contains(name) ? "а" : "");
    }

    private Manager activeManager(Instant at) {
        for (int tries = 0; tries < 100; tries++) {
            Manager manager = managers.get(random.nextInt(managers.size()));
            boolean hired = !manager.hiredAt().isAfter(at);
            boolean gone = manager == dismissed && !at.isBefore(dismissedAt);
            if (hired && !gone) {
                return manager;
            }
        }
        return heir;
    }

    /** A moment in working hours (9:00-20:00 in the company's zone), busier around midday. */
    private Instant workingTime(LocalDate day) {
        double hour = 9 + Math.min(10.99, Math.max(0, 5.5 + 2.5 * random.nextGaussian()));
        LocalTime time = LocalTime.of((int) hour, random.nextInt(60), random.nextInt(60));
        return ZonedDateTime.of(day, time, options.zone()).toInstant();
    }

    private Duration minutes(int min, int max) {
        return Duration.ofMinutes(min + random.nextInt(max - min + 1));
    }

    private Duration hours(int min, int max) {
        return Duration.ofMinutes(60L * min + random.nextInt((max - min) * 60 + 1));
    }
}
