package com.salespulse.benchmark;

import com.salespulse.contract.DomainEvent;
import com.salespulse.contract.EventType;
import com.salespulse.contract.deal.ActivityLogged;
import com.salespulse.contract.deal.BaseCurrencySet;
import com.salespulse.contract.deal.DealLine;
import com.salespulse.contract.deal.DealLost;
import com.salespulse.contract.deal.DealOpened;
import com.salespulse.contract.deal.DealReassigned;
import com.salespulse.contract.deal.DealStageMoved;
import com.salespulse.contract.deal.DealTerms;
import com.salespulse.contract.deal.DealWon;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.contract.deal.LossReasonAdded;
import com.salespulse.contract.deal.PipelineCreated;
import com.salespulse.contract.deal.PipelineDefinition;
import com.salespulse.contract.deal.PlanSet;
import com.salespulse.contract.deal.PlanTarget;
import com.salespulse.contract.deal.ProductCreated;
import com.salespulse.contract.deal.ProductDetails;
import com.salespulse.contract.deal.StageDefinition;
import com.salespulse.contract.deal.TaskCompleted;
import com.salespulse.contract.deal.TaskCreated;
import com.salespulse.contract.lead.ClientCreated;
import com.salespulse.contract.lead.ClientsMerged;
import com.salespulse.contract.lead.LeadAssigned;
import com.salespulse.contract.lead.LeadContactAttempted;
import com.salespulse.contract.lead.LeadConverted;
import com.salespulse.contract.lead.LeadCreated;
import com.salespulse.contract.lead.LeadStatusChanged;
import com.salespulse.contract.roster.CardTransferCompleted;
import com.salespulse.contract.roster.CardTransferStarted;
import com.salespulse.contract.roster.ManagerDismissed;
import com.salespulse.contract.roster.ManagerHired;
import com.salespulse.contract.roster.TeamCreated;
import com.salespulse.localstack.demo.Draws;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The scale dataset of issue 16, generated from a seed: one big tenant ({@value #BIG_TENANT}: by default a million
 * deals and about ten million events over three years) and a thousand small ones, as the services would have emitted
 * them — each event the contract's record, encoded and routed as the outboxes do ({@link OutboxRecords}).
 *
 * <p>Streaming: the history is walked day by day and each lead's whole journey (attempts, statuses, conversion, the
 * deal with its lines, stage moves, tasks, calls, the win or loss, a repeat sale) is handed to the sink as soon as it
 * is made, in the order of each aggregate's own events; nothing but the roster, the catalogue and a bounded list of
 * recent winners is kept, so ten million events need no more memory than a thousand. Across aggregates the business
 * times interleave as they would in a history imported or replayed (analytics applies them in any order).
 *
 * <p>The distributions are the demo history's ({@code local-stack}'s {@code DemoHistory}): seasonal and weekly
 * rhythm, sources, rejection and loss reasons, the log-normal deal cycle (median three weeks), half the deals won, 1–3
 * product lines with discounts, working hours in Moscow; a quarter of winners come back (repeat sales), referrals
 * name a recent winner. The big tenant also has teams, a second pipeline, foreign-currency deals with daily rates,
 * monthly plans per manager and team, two client merges and one dismissal with a card transfer.
 *
 * <p>Deterministic: the same {@link Options} give the same records, byte for byte (ids and event ids come from the
 * seeded generators too).
 */
public final class ScaleDataset {

    public static final String BIG_TENANT = "scale-big";

    /** Seasonality by month of year and rhythm by day of week, as {@code DemoHistory}'s. */
    static final double[] MONTH_WEIGHT = {0.70, 0.85, 1.10, 1.15, 1.00, 0.85, 0.75, 0.80, 1.15, 1.25, 1.20, 1.20};

    static final double[] WEEKDAY_WEIGHT = {1.15, 1.10, 1.10, 1.05, 1.00, 0.40, 0.20};
    /** The foreign currencies the big tenant sells in, in the order their rates are drawn. */
    private static final List<String> RATE_CURRENCIES = List.of("USD", "EUR");

    private static final String[] SOURCES = {"website", "call", "instagram", "exhibition", "referral"};
    private static final double[] SOURCE_WEIGHT = {0.40, 0.25, 0.15, 0.10, 0.10};
    private static final String[] REJECTIONS = {"junk", "not_target", "no_budget", "unreachable", "competitor"};
    private static final double[] REJECTION_WEIGHT = {0.30, 0.25, 0.20, 0.15, 0.10};
    private static final String[] LOSSES = {"PRICE", "COMPETITOR", "NO_NEED", "NO_BUDGET", "NO_RESPONSE"};
    private static final double[] LOSS_WEIGHT = {0.35, 0.25, 0.15, 0.15, 0.10};
    private static final String[] NAMES = {"Анна", "Иван", "Мария", "Олег", "Елена", "Сергей", "Ольга", "Павел"};
    private static final String[] SURNAMES = {"Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Волков"};
    /** Name, category, unit, list price (RUB): the demo catalogue. */
    private static final Object[][] PRODUCTS = {
        {"CRM «Старт», лицензия на год", "Лицензии", "licence", 24_000},
        {"CRM «Профи», лицензия на год", "Лицензии", "licence", 48_000},
        {"CRM «Корпорация», лицензия на год", "Лицензии", "licence", 96_000},
        {"Телефония, пакет 1000 минут", "Связь", "package", 6_000},
        {"SMS-рассылки, 10 000 сообщений", "Связь", "package", 9_000},
        {"Внедрение под ключ", "Услуги", "project", 60_000},
        {"Обучение отдела продаж", "Услуги", "day", 30_000},
        {"Приоритетная поддержка, год", "Услуги", "year", 36_000},
        {"Модуль аналитики", "Модули", "licence", 18_000},
        {"Интеграция с 1С", "Модули", "project", 45_000}
    };
    /** Leads a deal from a lead needs: a lead converts with this probability (the rest are rejected). */
    private static final double CONVERSION = 0.75;
    /** A winner comes back for another deal with this probability (a repeat sale 2–8 months later). */
    private static final double REPEAT = 0.25;
    /** Leads of each small tenant over the three years, unless the options say otherwise. */
    private static final int SMALL_TENANT_LEADS = 100;

    /**
     * What to generate.
     *
     * @param seed the random seed
     * @param scale 1.0 for the full size (the big tenant's million deals, a thousand small tenants); 0.001 for a quick
     *     run (a thousand deals, one small tenant)
     * @param endDate the last day of the history; it covers the three years before it
     * @param zone the companies' time zone: working hours and months are read in it
     * @param smallTenants the number of small tenants, 0 for 1 000 × scale (at least one)
     * @param smallTenantLeads the leads of each small tenant over the three years
     */
    public record Options(
            long seed, double scale, LocalDate endDate, ZoneId zone, int smallTenantCount, int smallTenantLeads) {

        public static Options of(double scale, LocalDate endDate) {
            return of(scale, endDate, 0, SMALL_TENANT_LEADS);
        }

        /**
         * With the small tenants set apart from the scale, so that a small run still has the thousand small tenants
         * the alert engine goes through every minute (with fewer leads each, so that they do not swamp the run).
         */
        public static Options of(double scale, LocalDate endDate, int smallTenants, int smallTenantLeads) {
            return new Options(20261204L, scale, endDate, ZoneId.of("Europe/Moscow"), smallTenants, smallTenantLeads);
        }

        int bigTenantDeals() {
            return (int) Math.max(50, Math.round(1_000_000 * scale));
        }

        int bigTenantManagers() {
            return (int) Math.max(6, Math.round(300 * scale));
        }

        int smallTenants() {
            return smallTenantCount > 0 ? smallTenantCount : (int) Math.max(1, Math.round(1_000 * scale));
        }

        LocalDate startDate() {
            return endDate.minusYears(3);
        }
    }

    /** What was generated: events by type, the big tenant's share, its deals. */
    public record Summary(
            long events, long bigTenantEvents, long bigTenantDeals, int tenants, Map<String, Long> byType) {}

    public static String smallTenant(int number) {
        return String.format("scale-small-%04d", number);
    }

    /** Generates the whole dataset into {@code sink}, in a deterministic order. */
    public static Summary generate(Options options, Consumer<ProducerRecord<String, byte[]>> sink) {
        Counter counter = new Counter(sink);
        List<TenantHistory> tenants = new ArrayList<>();
        TenantHistory big = new TenantHistory(
                options, BIG_TENANT, options.seed(), options.bigTenantManagers(), 2, true, counter, bigLeads(options));
        tenants.add(big);
        for (int i = 1; i <= options.smallTenants(); i++) {
            tenants.add(new TenantHistory(
                    options,
                    smallTenant(i),
                    options.seed() * 31 + i,
                    3,
                    1,
                    false,
                    counter,
                    options.smallTenantLeads()));
        }
        tenants.forEach(TenantHistory::setUp);
        double norm = averageWeight(options);
        for (LocalDate day = options.startDate(); !day.isAfter(options.endDate()); day = day.plusDays(1)) {
            double weight = MONTH_WEIGHT[day.getMonthValue() - 1]
                    * WEEKDAY_WEIGHT[day.getDayOfWeek().getValue() - 1]
                    / norm;
            for (TenantHistory tenant : tenants) {
                tenant.day(day, weight);
            }
        }
        return new Summary(
                counter.events,
                counter.byTenant.getOrDefault(BIG_TENANT, 0L),
                big.deals,
                tenants.size(),
                new TreeMap<>(counter.byType));
    }

    /** The big tenant's leads: enough that its converted leads and their repeat sales make the deals asked for. */
    private static int bigLeads(Options options) {
        // deals = leads × conversion × (1 + repeats), repeats a geometric series of REPEAT × half the deals won
        double dealsPerLead = CONVERSION / (1 - REPEAT * 0.5);
        return (int) Math.round(options.bigTenantDeals() / dealsPerLead);
    }

    private static double averageWeight(Options options) {
        double sum = 0;
        int days = 0;
        for (LocalDate day = options.startDate(); !day.isAfter(options.endDate()); day = day.plusDays(1)) {
            sum += MONTH_WEIGHT[day.getMonthValue() - 1]
                    * WEEKDAY_WEIGHT[day.getDayOfWeek().getValue() - 1];
            days++;
        }
        return sum / days;
    }

    private static final class Counter {
        private Consumer<ProducerRecord<String, byte[]>> sink;
        private final Map<String, Long> byType = new TreeMap<>();
        private final Map<String, Long> byTenant = new TreeMap<>();
        private long events;

        Counter(Consumer<ProducerRecord<String, byte[]>> sink) {
            this.sink = sink;
        }

        void accept(String tenant, ProducerRecord<String, byte[]> record, DomainEvent data) {
            sink.accept(record);
            events++;
            byType.merge(EventType.of(data).type(), 1L, Long::sum);
            byTenant.merge(tenant, 1L, Long::sum);
        }
    }

    /**
     * Journeys of the big tenant made now, for the live phases of a benchmark: the tenant's roster, pipelines and
     * products are the dataset's (the same seed makes the same ids), each call makes one more lead's journey with an
     * intake in the last 30 days and every event up to now, recorded now (the CloudEvent {@code time}), as the
     * services would emit it at this moment. Leads, deals, tasks and calls get ids of their own (another seed).
     */
    public static final class LiveJourneys {
        private final TenantHistory history;
        private final SplittableRandom days;

        public LiveJourneys(Options options, long seed, Consumer<ProducerRecord<String, byte[]>> sink) {
            Counter counter = new Counter(record -> {});
            history = new TenantHistory(
                    options, BIG_TENANT, options.seed(), options.bigTenantManagers(), 2, true, counter, 1);
            history.setUp();
            history.goLive(seed);
            counter.sink = sink;
            days = new SplittableRandom(seed + 1);
        }

        /** One lead's journey (5–15 events on the lead, deal and roster topics). */
        public void next() {
            history.lead(LocalDate.now(history.options.zone()).minusDays(days.nextInt(30)));
        }
    }

    private record Manager(UUID id, UUID teamId, String name, Instant hiredAt) {}

    private record Stage(UUID id, String name, int probability, String kind) {}

    private record Pipeline(UUID id, List<Stage> open, Stage won, Stage lost) {}

    private record Product(UUID id, String name, String category, String unit, BigDecimal price) {}

    private record Winner(UUID clientId, String clientName, Manager manager, Instant wonAt) {}

    /** One tenant's history: its roster and catalogue, then its leads day by day. */
    private static final class TenantHistory {
        private final Options options;
        private final String tenant;
        private SplittableRandom random;
        private boolean live;
        private final int managerCount;
        private final int pipelineCount;
        private final boolean big;
        private final Counter counter;
        private final double leadsPerDay;
        private final Instant start;
        private Instant end;
        private final List<Manager> managers = new ArrayList<>();
        private final List<UUID> teams = new ArrayList<>();
        private final List<Pipeline> pipelines = new ArrayList<>();
        private final List<Product> products = new ArrayList<>();
        /** The last winners, for repeat sales' referrals and merges: bounded, so memory does not grow with history. */
        private final List<Winner> winners = new ArrayList<>();

        private Manager dismissed;
        private Manager heir;
        private Instant dismissedAt;
        private final UUID transferId;
        private int leadsMoved;
        private int dealsMoved;
        private int tasksMoved;
        private long deals;
        private int winnerSlot;

        TenantHistory(
                Options options,
                String tenant,
                long seed,
                int managerCount,
                int pipelineCount,
                boolean big,
                Counter counter,
                int leads) {
            this.options = options;
            this.tenant = tenant;
            this.random = new SplittableRandom(seed);
            this.managerCount = managerCount;
            this.pipelineCount = pipelineCount;
            this.big = big;
            this.counter = counter;
            long days = options.endDate().toEpochDay() - options.startDate().toEpochDay() + 1;
            this.leadsPerDay = leads / (double) days;
            this.start = options.startDate().atStartOfDay(options.zone()).toInstant();
            this.end =
                    options.endDate().plusDays(1).atStartOfDay(options.zone()).toInstant();
            this.transferId = uuid();
        }

        /** From now on: new ids from {@code seed}, history up to now, events recorded now; no dismissal. */
        void goLive(long seed) {
            random = new SplittableRandom(seed);
            end = Instant.now();
            live = true;
            managers.remove(dismissed); // who left two thirds into the history takes no new leads
            dismissed = null;
        }

        // ------------------------------------------------------------ roster and catalogue

        void setUp() {
            Instant at = start.minus(Duration.ofDays(7));
            int teamCount = Math.max(1, (managerCount + 9) / 10);
            for (int t = 0; t < teamCount; t++) {
                UUID team = uuid();
                teams.add(team);
                emit(at, "user:head", new TeamCreated(team, "Отдел " + (t + 1), at));
            }
            for (int m = 0; m < managerCount; m++) {
                // a tenth of the big tenant's managers join during the history
                Instant hiredAt = big && m % 10 == 9 ? start.plus(Duration.ofDays(random.nextInt(700))) : at;
                Manager manager = new Manager(
                        uuid(),
                        teams.get(m % teams.size()),
                        NAMES[m % NAMES.length] + " " + SURNAMES[(m / NAMES.length) % SURNAMES.length] + " " + m,
                        hiredAt);
                managers.add(manager);
                emit(
                        hiredAt,
                        "user:head",
                        new ManagerHired(
                                manager.id(),
                                new ManagerHired.ManagerProfile(
                                        manager.name(), manager.teamId(), 60, "Europe/Moscow", List.of()),
                                hiredAt));
            }
            if (big) {
                // the dismissal: a manager hired at the start leaves two thirds into the history, cards to the next
                dismissed = managers.get(1);
                heir = managers.get(2);
                dismissedAt =
                        start.plus(Duration.between(start, end).multipliedBy(2).dividedBy(3));
            }
            emit(at, "user:head", new BaseCurrencySet(uuid(), null, "RUB", at));
            for (int i = 0; i < LOSSES.length; i++) {
                emit(
                        at,
                        "user:head",
                        new LossReasonAdded(uuid(), LOSSES[i], LOSSES[i].toLowerCase(), LOSSES[i], at, Map.of()));
            }
            for (int p = 0; p < pipelineCount; p++) {
                List<Stage> open = new ArrayList<>();
                String[] names = p == 0
                        ? new String[] {"Квалификация", "Презентация", "Коммерческое предложение", "Переговоры"}
                        : new String[] {"Заявка партнёра", "Согласование"};
                for (int s = 0; s < names.length; s++) {
                    open.add(new Stage(uuid(), names[s], 20 * (s + 1), "OPEN"));
                }
                Pipeline pipeline = new Pipeline(
                        uuid(),
                        open,
                        new Stage(uuid(), "Успешно реализовано", 100, "WON"),
                        new Stage(uuid(), "Закрыто и не реализовано", 0, "LOST"));
                pipelines.add(pipeline);
                List<StageDefinition> stages = new ArrayList<>();
                int order = 1;
                for (Stage stage : open) {
                    stages.add(new StageDefinition(stage.id(), stage.name(), order++, stage.probability(), "OPEN"));
                }
                stages.add(
                        new StageDefinition(pipeline.won().id(), pipeline.won().name(), order++, 100, "WON"));
                stages.add(new StageDefinition(
                        pipeline.lost().id(), pipeline.lost().name(), order, 0, "LOST"));
                emit(
                        at,
                        "user:head",
                        new PipelineCreated(
                                pipeline.id(),
                                p == 0,
                                new PipelineDefinition(p == 0 ? "Продажи" : "Партнёры", stages),
                                at));
            }
            int productCount = big ? PRODUCTS.length * 4 : 5;
            for (int i = 0; i < productCount; i++) {
                Object[] row = PRODUCTS[i % PRODUCTS.length];
                String variant = i < PRODUCTS.length ? "" : " (вариант " + (i / PRODUCTS.length + 1) + ")";
                Product product = new Product(
                        uuid(),
                        row[0] + variant,
                        (String) row[1],
                        (String) row[2],
                        BigDecimal.valueOf((Integer) row[3] * (1 + i / PRODUCTS.length)));
                products.add(product);
                emit(
                        at,
                        "user:head",
                        new ProductCreated(
                                product.id(),
                                new ProductDetails(
                                        product.name(), product.category(), product.unit(), product.price(), "RUB"),
                                at));
            }
            if (big) {
                dailyRates();
            }
        }

        /**
         * A rate a day for each foreign currency the big tenant sells in, from the first month's first day to the
         * last day, as a tenant in roubles receives them (before, one a month). Each month's first keeps the monthly
         * rate it had, drawn from the tenant's stream as before, so every later draw — every id, every journey — is
         * the one it was; the days between walk from one first to the next (a Brownian bridge, about 0.5 % a day)
         * on a stream of their own, as do their ids. The last month walks on from its first.
         */
        private void dailyRates() {
            List<YearMonth> months = new ArrayList<>();
            for (YearMonth month = YearMonth.from(options.startDate());
                    !month.isAfter(YearMonth.from(options.endDate()));
                    month = month.plusMonths(1)) {
                months.add(month);
            }
            // the draws of the monthly rates, in their order: per month the dollar's rate, its id and its event's id,
            // then the euro's
            Map<String, List<MonthlyRate>> firsts = new LinkedHashMap<>();
            for (YearMonth month : months) {
                for (String currency : RATE_CURRENCIES) {
                    int rubles = (currency.equals("USD") ? 90 : 98) + random.nextInt(10);
                    UUID rateId = uuid();
                    firsts.computeIfAbsent(currency, c -> new ArrayList<>())
                            .add(new MonthlyRate(month.atDay(1), BigDecimal.valueOf(rubles), rateId, uuid()));
                }
            }
            SplittableRandom walk = new SplittableRandom(options.seed() ^ 0x52415445L);
            Map<String, List<BigDecimal>> days = new LinkedHashMap<>();
            firsts.forEach((currency, rates) -> days.put(currency, walk(rates, walk)));
            LocalDate first = months.get(0).atDay(1);
            for (int d = 0; !first.plusDays(d).isAfter(options.endDate()); d++) {
                LocalDate day = first.plusDays(d);
                Instant at = day.atStartOfDay(options.zone()).toInstant();
                for (String currency : RATE_CURRENCIES) {
                    ExchangeRateSet rate;
                    UUID eventId;
                    if (day.getDayOfMonth() == 1) {
                        MonthlyRate monthly = firsts.get(currency).get(months.indexOf(YearMonth.from(day)));
                        rate = new ExchangeRateSet(monthly.rateId(), currency, "RUB", day, monthly.rubles(), null, at);
                        eventId = monthly.eventId();
                    } else {
                        rate = new ExchangeRateSet(
                                uuid(walk),
                                currency,
                                "RUB",
                                day,
                                days.get(currency).get(d),
                                null,
                                at);
                        eventId = uuid(walk);
                    }
                    counter.accept(tenant, OutboxRecords.record(eventId, at, tenant, "system:rates", rate), rate);
                }
            }
        }

        /** The rate of every day from the first month's first, to four places: bridges between firsts, then a walk. */
        private List<BigDecimal> walk(List<MonthlyRate> firsts, SplittableRandom walk) {
            List<BigDecimal> rates = new ArrayList<>();
            for (int m = 0; m < firsts.size(); m++) {
                MonthlyRate from = firsts.get(m);
                boolean last = m + 1 == firsts.size();
                LocalDate until =
                        last ? options.endDate().plusDays(1) : firsts.get(m + 1).day();
                int length = (int) (until.toEpochDay() - from.day().toEpochDay());
                double a = from.rubles().doubleValue();
                double b = last ? a : firsts.get(m + 1).rubles().doubleValue();
                double sigma = 0.005 * a;
                // a walk of length steps; bridged, it ends where the next first is
                double[] w = new double[length + 1];
                for (int k = 1; k <= length; k++) {
                    w[k] = w[k - 1] + sigma * walk.nextGaussian();
                }
                for (int k = 0; k < length; k++) {
                    double share = k / (double) length;
                    double value = a + (b - a) * share + w[k] - (last ? 0 : share * w[length]);
                    rates.add(BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN));
                }
            }
            return rates;
        }

        private record MonthlyRate(LocalDate day, BigDecimal rubles, UUID rateId, UUID eventId) {}

        // ------------------------------------------------------------ one day

        void day(LocalDate day, double weight) {
            if (day.getDayOfMonth() == 1) {
                plans(YearMonth.from(day));
            }
            Instant dayStart = day.atStartOfDay(options.zone()).toInstant();
            if (dismissed != null
                    && !dayStart.isAfter(dismissedAt)
                    && dayStart.plus(Duration.ofDays(1)).isAfter(dismissedAt)) {
                dismissal();
            }
            if (big
                    && (day.equals(options.startDate().plusYears(1))
                            || day.equals(options.startDate().plusYears(2)))) {
                merge(dayStart.plus(Duration.ofHours(12)));
            }
            int leads = Draws.poissonAnyMean(random, leadsPerDay * weight);
            for (int i = 0; i < leads; i++) {
                lead(day);
            }
        }

        private void plans(YearMonth month) {
            Instant at = month.atDay(1).atStartOfDay(options.zone()).toInstant();
            if (big) {
                for (Manager manager : managers) {
                    if (!manager.hiredAt().isAfter(at) && (dismissed != manager || at.isBefore(dismissedAt))) {
                        emit(at, "user:head", plan(month, "MANAGER", manager.id(), null, 1_500_000, at));
                    }
                }
            }
            for (UUID team : teams) {
                emit(at, "user:head", plan(month, "TEAM", null, team, big ? 15_000_000 : 600_000, at));
            }
        }

        private PlanSet plan(YearMonth month, String scope, UUID manager, UUID team, int amount, Instant at) {
            return new PlanSet(
                    uuid(),
                    month.toString(),
                    scope,
                    manager,
                    team,
                    new PlanTarget(BigDecimal.valueOf(amount), amount / 100_000),
                    "RUB",
                    at);
        }

        private void dismissal() {
            String head = "user:head";
            emit(
                    dismissedAt,
                    head,
                    new ManagerDismissed(
                            dismissed.id(),
                            dismissed.teamId(),
                            "ACTIVE",
                            "TRANSFER_TO_NAMED",
                            transferId,
                            List.of(heir.id()),
                            leadsMoved + dealsMoved,
                            "left the company",
                            dismissedAt));
            emit(
                    dismissedAt,
                    head,
                    new CardTransferStarted(
                            transferId, dismissed.id(), List.of(heir.id()), "NAMED", "dismissal", dismissedAt));
            // the cards themselves were reassigned inside their journeys (each in its own aggregate's order)
            emit(
                    dismissedAt.plusSeconds(60),
                    "system:card-transfer",
                    new CardTransferCompleted(
                            transferId,
                            dismissed.id(),
                            "COMPLETED",
                            leadsMoved,
                            0,
                            dealsMoved,
                            0,
                            tasksMoved,
                            0,
                            dismissedAt,
                            dismissedAt.plusSeconds(60)));
        }

        private void merge(Instant at) {
            if (winners.size() < 2) {
                return;
            }
            Winner survivor = winners.get(random.nextInt(winners.size()));
            Winner merged = winners.get(random.nextInt(winners.size()));
            if (survivor.clientId().equals(merged.clientId())) {
                return;
            }
            List<ClientCreated.ClientContact> contacts =
                    List.of(new ClientCreated.ClientContact("PHONE", phone(), null));
            emit(
                    at,
                    "user:head",
                    new ClientsMerged(
                            survivor.clientId(), merged.clientId(), contacts, contacts, List.of(), "duplicate", at));
        }

        // ------------------------------------------------------------ a lead's journey

        private void lead(LocalDate day) {
            Instant intake = workingTime(day);
            Manager manager = activeManager(intake);
            String actor = "user:" + manager.id();
            UUID lead = uuid();
            String source = Draws.pick(random, SOURCES, SOURCE_WEIGHT);
            String clientName = NAMES[random.nextInt(NAMES.length)] + " " + SURNAMES[random.nextInt(SURNAMES.length)];
            String phone = phone();
            boolean queued = random.nextDouble() < 0.1;
            emit(
                    intake,
                    "integration:website",
                    new LeadCreated(lead, source, queued ? null : manager.id(), clientName, phone, null, intake));
            Instant t = intake;
            if (queued) {
                t = t.plus(minutes(5, 120));
                emit(
                        t,
                        "system:distribution",
                        new LeadAssigned(
                                lead,
                                null,
                                null,
                                manager.id(),
                                manager.teamId(),
                                "LEAST_LOADED",
                                "QUEUE",
                                null,
                                null,
                                2,
                                t));
            }
            int failed = 0;
            if (random.nextDouble() < 0.1) {
                t = t.plus(minutes(5, 240));
                failed++;
                emit(t, actor, attempt(lead, manager, "NO_ANSWER", 1, 0, t));
            }
            t = t.plus(minutes(5, 240));
            emit(t, actor, attempt(lead, manager, "REACHED", failed + 1, failed, t));
            double roll = random.nextDouble();
            if (roll < 0.1) {
                t = t.plus(hours(1, 72));
                if (t.isBefore(end)) {
                    emit(
                            t,
                            actor,
                            status(
                                    lead,
                                    "NEW",
                                    "REJECTED",
                                    Draws.pick(random, REJECTIONS, REJECTION_WEIGHT),
                                    manager,
                                    source,
                                    t));
                }
                return;
            }
            t = t.plus(minutes(1, 60));
            emit(t, actor, status(lead, "NEW", "IN_WORK", null, manager, source, t));
            // the lead stays open until it is rejected or converted: a dismissal in between moves it
            Instant closes = t.plus(hours(4, 120));
            Manager owner = manager;
            if (manager == dismissed && t.isBefore(dismissedAt) && closes.isAfter(dismissedAt)) {
                owner = heir;
                leadsMoved++;
                emit(
                        dismissedAt,
                        "system:card-transfer",
                        new LeadAssigned(
                                lead,
                                manager.id(),
                                manager.teamId(),
                                heir.id(),
                                heir.teamId(),
                                "TRANSFER",
                                "TRANSFER",
                                "dismissal",
                                transferId,
                                4,
                                dismissedAt));
            }
            String ownerActor = "user:" + owner.id();
            if (!closes.isBefore(end)) {
                return;
            }
            if (roll >= 0.1 + CONVERSION) {
                emit(
                        closes,
                        ownerActor,
                        status(
                                lead,
                                "IN_WORK",
                                "REJECTED",
                                Draws.pick(random, REJECTIONS, REJECTION_WEIGHT),
                                owner,
                                source,
                                closes));
                return;
            }
            emit(closes, ownerActor, status(lead, "IN_WORK", "QUALIFIED", null, owner, source, closes));
            Instant converted = closes.plus(hours(1, 48));
            if (!converted.isBefore(end)) {
                return;
            }
            UUID client = uuid();
            emit(
                    converted,
                    ownerActor,
                    new ClientCreated(
                            client,
                            "PERSON",
                            clientName,
                            List.of(new ClientCreated.ClientContact("PHONE", phone, phone)),
                            null,
                            null,
                            lead,
                            converted));
            Winner referrer = source.equals("referral") && !winners.isEmpty()
                    ? winners.get(random.nextInt(winners.size()))
                    : null;
            UUID referredBy = referrer == null ? null : referrer.clientId();
            emit(
                    converted,
                    ownerActor,
                    new LeadConverted(
                            lead,
                            client,
                            owner.id(),
                            null,
                            source,
                            clientName,
                            null,
                            "RUB",
                            referredBy,
                            null,
                            "QUALIFIED",
                            4,
                            converted));
            deal(client, clientName, owner, converted.plusSeconds(1), source, referredBy, lead, false);
        }

        private LeadContactAttempted attempt(
                UUID lead, Manager manager, String outcome, int number, int failedBefore, Instant at) {
            int failedAfter = outcome.equals("REACHED") ? failedBefore : failedBefore + 1;
            return new LeadContactAttempted(
                    lead,
                    uuid(),
                    outcome,
                    number,
                    failedBefore,
                    failedAfter,
                    false,
                    false,
                    false,
                    3,
                    null,
                    manager.id(),
                    manager.teamId(),
                    number + 1,
                    at);
        }

        private LeadStatusChanged status(
                UUID lead, String before, String after, String reason, Manager manager, String source, Instant at) {
            return new LeadStatusChanged(
                    lead, before, after, reason, null, manager.id(), manager.teamId(), source, 3, at);
        }

        // ------------------------------------------------------------ a deal's journey

        private void deal(
                UUID client,
                String clientName,
                Manager manager,
                Instant opened,
                String source,
                UUID referredBy,
                UUID lead,
                boolean repeat) {
            deals++;
            UUID deal = uuid();
            Pipeline pipeline = pipelines.get(pipelines.size() > 1 && random.nextDouble() < 0.15 ? 1 : 0);
            double currencyRoll = random.nextDouble();
            String currency = !big || currencyRoll < 0.92 ? "RUB" : currencyRoll < 0.97 ? "USD" : "EUR";
            BigDecimal divisor = BigDecimal.valueOf(currency.equals("RUB") ? 1 : currency.equals("USD") ? 95 : 103);
            List<DealLine> lines = new ArrayList<>();
            BigDecimal amount = BigDecimal.ZERO;
            int lineCount = 1 + random.nextInt(3);
            for (int i = 0; i < lineCount; i++) {
                Product product = products.get(random.nextInt(products.size()));
                BigDecimal quantity =
                        BigDecimal.valueOf(1 + random.nextInt(product.unit().equals("licence") ? 10 : 2));
                BigDecimal price = product.price().divide(divisor, 2, RoundingMode.HALF_UP);
                BigDecimal discount = BigDecimal.valueOf(random.nextDouble() < 0.3 ? 5 * (1 + random.nextInt(3)) : 0);
                BigDecimal lineAmount = price.multiply(quantity)
                        .multiply(BigDecimal.valueOf(100).subtract(discount))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                amount = amount.add(lineAmount);
                lines.add(new DealLine(
                        product.id(), product.name(), product.category(), quantity, price, discount, lineAmount));
            }
            DealTerms terms = new DealTerms(amount, currency, lines, null);
            Stage first = pipeline.open().get(0);
            emit(
                    opened,
                    "user:" + manager.id(),
                    new DealOpened(
                            deal,
                            client,
                            clientName,
                            manager.id(),
                            pipeline.id(),
                            first.id(),
                            first.probability(),
                            terms,
                            source,
                            referredBy,
                            repeat,
                            lead,
                            null,
                            opened));
            // a log-normal cycle: median about three weeks, a long tail of months
            double cycleDays = Math.exp(Math.log(21) + 0.7 * random.nextGaussian());
            Instant closes = opened.plus(Duration.ofMinutes((long) (cycleDays * 24 * 60)));
            Manager owner = manager;
            boolean transferred = manager == dismissed && opened.isBefore(dismissedAt) && closes.isAfter(dismissedAt);
            if (random.nextDouble() < 0.4) {
                activity(deal, client, manager, opened.plus(hours(1, 24)));
            }
            if (random.nextDouble() < 0.4) {
                task(deal, manager, opened.plus(hours(1, 4)), transferred);
            }
            double outcome = random.nextDouble();
            int stagesReached = outcome < 0.5
                    ? pipeline.open().size()
                    : 1 + random.nextInt(pipeline.open().size());
            Duration step = Duration.between(opened, closes).dividedBy(stagesReached + 1);
            Stage at = first;
            for (int s = 1; s < stagesReached; s++) {
                Instant moved = opened.plus(step.multipliedBy(s));
                if (!moved.isBefore(end)) {
                    return;
                }
                if (transferred && owner == manager && moved.isAfter(dismissedAt)) {
                    owner = reassign(deal, manager);
                }
                Stage next = pipeline.open().get(s);
                emit(
                        moved,
                        "user:" + owner.id(),
                        new DealStageMoved(
                                deal,
                                owner.id(),
                                pipeline.id(),
                                at.id(),
                                at.probability(),
                                next.id(),
                                next.probability(),
                                null,
                                moved));
                at = next;
                if (random.nextDouble() < 0.15) {
                    activity(deal, client, owner, moved.plus(hours(1, 30)));
                }
            }
            if (transferred && owner == manager) {
                owner = reassign(deal, manager);
            }
            if (!closes.isBefore(end)) {
                return;
            }
            String actor = "user:" + owner.id();
            if (outcome < 0.5) {
                emit(
                        closes,
                        actor,
                        new DealWon(
                                deal,
                                client,
                                owner.id(),
                                pipeline.id(),
                                at.id(),
                                pipeline.won().id(),
                                amount,
                                currency,
                                lines,
                                repeat,
                                referredBy,
                                opened,
                                closes));
                Winner winner = new Winner(client, clientName, owner, closes);
                remember(winner);
                if (random.nextDouble() < REPEAT) {
                    Instant again = closes.plus(Duration.ofDays(60 + random.nextInt(180)))
                            .plus(hours(0, 8));
                    if (again.isBefore(end.minus(Duration.ofDays(2)))) {
                        deal(client, clientName, activeManagerOr(owner, again), again, "repeat", null, null, true);
                    }
                }
            } else if (outcome < 0.95) {
                String reason = Draws.pick(random, LOSSES, LOSS_WEIGHT);
                emit(
                        closes,
                        actor,
                        new DealLost(
                                deal,
                                client,
                                owner.id(),
                                pipeline.id(),
                                at.id(),
                                pipeline.lost().id(),
                                reason,
                                reason,
                                null,
                                amount,
                                currency,
                                closes));
            }
            // else: it stays open, as the demo's last 5 % do
        }

        private Manager reassign(UUID deal, Manager from) {
            dealsMoved++;
            emit(
                    dismissedAt,
                    "system:card-transfer",
                    new DealReassigned(deal, from.id(), heir.id(), "dismissal", transferId, dismissedAt));
            return heir;
        }

        private void activity(UUID deal, UUID client, Manager manager, Instant at) {
            if (!at.isBefore(end)) {
                return;
            }
            emit(
                    at,
                    "user:" + manager.id(),
                    new ActivityLogged(
                            uuid(),
                            "DEAL",
                            deal,
                            client,
                            manager.id(),
                            random.nextDouble() < 0.8 ? "CALL" : "MEETING",
                            random.nextDouble() < 0.7 ? "OUTBOUND" : "INBOUND",
                            "reached",
                            60 + random.nextInt(900),
                            null,
                            false,
                            at));
        }

        /** A call-back task: most are done before they are due, some stay open (overdue once their day passes). */
        private void task(UUID deal, Manager manager, Instant at, boolean transferred) {
            if (!at.isBefore(end)) {
                return;
            }
            UUID task = uuid();
            Instant due = at.plus(hours(24, 96));
            emit(
                    at,
                    "user:" + manager.id(),
                    new TaskCreated(task, "DEAL", deal, "CALL", "Перезвонить клиенту", manager.id(), due, at));
            Instant done = due.minus(hours(0, 20));
            boolean overdue = random.nextDouble() < 0.1;
            if (overdue || !done.isBefore(end)) {
                return;
            }
            if (transferred && done.isAfter(dismissedAt)) {
                tasksMoved++;
                return; // moved with the deal and left open: the transfer's counters say so
            }
            emit(done, "user:" + manager.id(), new TaskCompleted(task, "DEAL", deal, manager.id(), "done", due, done));
        }

        private void remember(Winner winner) {
            if (winners.size() < 10_000) {
                winners.add(winner);
            } else {
                winners.set(winnerSlot, winner);
                winnerSlot = (winnerSlot + 1) % winners.size();
            }
        }

        // ------------------------------------------------------------ helpers

        private Manager activeManager(Instant at) {
            for (int attempt = 0; attempt < 50; attempt++) {
                Manager manager = managers.get(random.nextInt(managers.size()));
                if (!manager.hiredAt().isAfter(at) && (manager != dismissed || at.isBefore(dismissedAt))) {
                    return manager;
                }
            }
            return managers.get(0);
        }

        private Manager activeManagerOr(Manager manager, Instant at) {
            return manager == dismissed && !at.isBefore(dismissedAt) ? heir : manager;
        }

        private void emit(Instant at, String actor, DomainEvent data) {
            Instant recordedAt = live ? Instant.now() : at;
            counter.accept(tenant, OutboxRecords.record(uuid(), recordedAt, tenant, actor, data), data);
        }

        private UUID uuid() {
            return uuid(random);
        }

        private static UUID uuid(SplittableRandom random) {
            long most = (random.nextLong() & ~0xF000L) | 0x4000L;
            long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(most, least);
        }

        private String phone() {
            return String.format(
                    "+7 9%02d %03d-%02d-%02d",
                    random.nextInt(100), random.nextInt(1000), random.nextInt(100), random.nextInt(100));
        }

        private Instant workingTime(LocalDate day) {
            double hour = 9 + Math.min(10.99, Math.max(0, 5.5 + 2.5 * random.nextGaussian()));
            return day.atTime(LocalTime.ofSecondOfDay((long) (hour * 3600)))
                    .atZone(options.zone())
                    .toInstant();
        }

        private Duration minutes(int min, int max) {
            return Duration.ofMinutes(min + random.nextInt(max - min + 1));
        }

        private Duration hours(int min, int max) {
            return Duration.ofMinutes(60L * min + random.nextInt(60 * (max - min) + 1));
        }
    }
}
