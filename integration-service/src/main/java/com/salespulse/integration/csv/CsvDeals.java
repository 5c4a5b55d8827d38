package com.salespulse.integration.csv;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.integration.csv.CsvLayout.Column;
import com.salespulse.integration.csv.CsvLayout.Field;
import com.salespulse.integration.owner.RecordKind;
import com.salespulse.problem.Problem;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps the rows of a deals export to the suite's records, in the order the job applies them: the pipelines (each
 * with the stages its deals are in, in order of first appearance, then its WON and LOST stage), the managers
 * (each responsible user), the clients (each deal's company, else its contact), then every deal in file order — its
 * state at its creation and, when it is closed, its win or loss at its closing time. A row that cannot be mapped
 * becomes refused records naming its columns, and adds nothing else.
 */
public final class CsvDeals {

    /** The loss reason of the tenant's catalogue every lost deal gets; the export's reason goes in lossComment. */
    static final String LOSS_REASON = "OTHER";
    /** A new manager's profile; the head adjusts it on the roster. */
    static final int MANAGER_CAPACITY = 30;

    static final String SHIFT_START = "09:00";
    static final String SHIFT_END = "18:00";

    private static final int MAX_REF = 100;
    private static final int MAX_NAME = 200;
    private static final int MAX_STAGE_NAME = 100;
    private static final int MAX_SOURCE = 64;
    private static final int MAX_CONTACTS = 20;
    private static final Pattern STAGE_ID = Pattern.compile("\\d+|(C\\d+:)?[A-Z_]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            strict("dd.MM.uuuu HH:mm:ss"),
            strict("dd.MM.uuuu HH:mm"),
            strict("uuuu-MM-dd HH:mm:ss"),
            strict("uuuu-MM-dd'T'HH:mm:ss"),
            strict("uuuu-MM-dd HH:mm"));
    private static final List<DateTimeFormatter> DATES = List.of(strict("dd.MM.uuuu"), strict("uuuu-MM-dd"));
    private static final Pattern NOT_IN_AMOUNT =
            Pattern.compile("[\\s\\u00A0\\u202F₽$€]|руб\\.?|р\\.|rub", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Bitrix24 exports the currency's name in the portal's language. */
    private static final Map<String, String> CURRENCY_NAMES = Map.of(
            "российский рубль",
            "RUB",
            "рубль",
            "RUB",
            "доллар сша",
            "USD",
            "евро",
            "EUR",
            "белорусский рубль",
            "BYN",
            "тенге",
            "KZT",
            "казахстанский тенге",
            "KZT",
            "гривна",
            "UAH",
            "юань",
            "CNY",
            "китайский юань",
            "CNY");

    private final CsvLayout layout;
    private final CsvOptions options;
    private final CsvFile file;
    private final Map<Field, Integer> index = new LinkedHashMap<>();
    private final List<Integer> phoneColumns = new ArrayList<>();
    private final List<Integer> emailColumns = new ArrayList<>();

    private CsvDeals(CsvLayout layout, CsvOptions options, CsvFile file) {
        this.layout = layout;
        this.options = options;
        this.file = file;
    }

    /**
     * The records of the file. A header without a column the layout needs is refused whole: 400 naming each
     * missing column.
     */
    public static List<CsvRecord> map(CsvLayout layout, CsvOptions options, CsvFile file) {
        CsvDeals deals = new CsvDeals(layout, options, file);
        deals.findColumns();
        return deals.records();
    }

    private void findColumns() {
        List<Problem.InvalidField> missing = new ArrayList<>();
        for (Column column : layout.columns()) {
            Optional<Integer> at = indexOf(column);
            if (at.isPresent()) {
                index.put(column.field(), at.get());
            } else if (column.required()) {
                missing.add(new Problem.InvalidField(
                        column.heading(),
                        "is missing: the " + layout.id() + " layout needs this column (headed one of: "
                                + String.join(", ", column.headings()) + ")"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(
                    ProblemType.INVALID_REQUEST,
                    "The header has no column "
                            + String.join(
                                    ", ",
                                    missing.stream()
                                            .map(Problem.InvalidField::field)
                                            .toList())
                            + " that the " + layout.id() + " layout needs; is this the right export and layout?",
                    missing);
        }
        for (int i = 0; i < file.header().size(); i++) {
            String heading = CsvLayout.normalize(file.header().get(i));
            if (index.containsValue(i)) {
                continue;
            }
            if (heading.contains("телефон") || heading.contains("phone")) {
                phoneColumns.add(i);
            } else if (heading.contains("email") || heading.contains("e-mail") || heading.contains("почта")) {
                emailColumns.add(i);
            }
        }
    }

    private Optional<Integer> indexOf(Column column) {
        // the layout's headings in order of preference: "Название сделки" before a bare "Название"
        for (String heading : column.headings()) {
            for (int i = 0; i < file.header().size(); i++) {
                if (CsvLayout.normalize(file.header().get(i)).equals(CsvLayout.normalize(heading))
                        && !index.containsValue(i)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    // ---- one row

    /** A row read and checked. */
    private record Deal(
            CsvFile.Row row,
            String id,
            String responsible,
            String pipeline,
            String stage,
            Kind kind,
            BigDecimal amount,
            String currency,
            Instant created,
            Instant closed,
            LocalDate expectedClose,
            String clientRef,
            String clientName,
            boolean company,
            String clientColumn,
            List<ObjectNode> contacts,
            String source,
            String lossComment) {}

    private enum Kind {
        OPEN,
        WON,
        LOST
    }

    private Optional<Deal> read(CsvFile.Row row, List<CsvRecord> refused) {
        List<CsvRecord.Refusal> problems = new ArrayList<>();
        String id = text(row, Field.ID);
        if (id.isEmpty()) {
            problems.add(refusal(Field.ID, "is empty: every deal needs its id"));
        } else if (id.length() > MAX_REF || id.contains("/")) {
            problems.add(refusal(Field.ID, "must be 1 to " + MAX_REF + " characters without '/'"));
        }
        String responsible = text(row, Field.RESPONSIBLE).replaceAll("\\s+", " ");
        if (responsible.isEmpty()) {
            problems.add(refusal(Field.RESPONSIBLE, "is empty: every deal needs its responsible user"));
        } else if (responsible.length() > MAX_NAME) {
            problems.add(refusal(Field.RESPONSIBLE, "is longer than " + MAX_NAME + " characters"));
        }
        String stage = text(row, Field.STAGE).replaceAll("\\s+", " ");
        Kind kind = Kind.OPEN;
        if (stage.isEmpty()) {
            problems.add(refusal(Field.STAGE, "is empty: the stage says whether the deal is open, won or lost"));
        } else if (stage.length() > MAX_STAGE_NAME) {
            problems.add(refusal(Field.STAGE, "is longer than " + MAX_STAGE_NAME + " characters"));
        } else if (options.isWon(layout, stage)) {
            kind = Kind.WON;
        } else if (options.isLost(layout, stage)) {
            kind = Kind.LOST;
        }
        String pipeline = text(row, Field.PIPELINE).replaceAll("\\s+", " ");
        if (pipeline.isEmpty()) {
            pipeline = layout.defaultPipeline();
        } else if (pipeline.length() > MAX_STAGE_NAME) {
            problems.add(refusal(Field.PIPELINE, "is longer than " + MAX_STAGE_NAME + " characters"));
        }
        BigDecimal amount = amount(text(row, Field.AMOUNT), problems);
        String currency = currency(text(row, Field.CURRENCY), problems);
        Instant created = null;
        String createdText = text(row, Field.CREATED);
        if (createdText.isEmpty()) {
            problems.add(refusal(Field.CREATED, "is empty: the deal's creation time is when it opened"));
        } else {
            created = dateTime(createdText, Field.CREATED, problems).orElse(null);
        }
        Instant closed = null;
        LocalDate expectedClose = null;
        String closedText = text(row, Field.CLOSED);
        if (kind != Kind.OPEN) {
            if (closedText.isEmpty()) {
                problems.add(new CsvRecord.Refusal(
                        heading(Field.CLOSED)
                                .orElse(layout.column(Field.CLOSED)
                                        .orElseThrow()
                                        .heading()),
                        "is empty, but the deal is closed (stage " + stage + ")"));
            } else {
                closed = dateTime(closedText, Field.CLOSED, problems).orElse(null);
                if (closed != null && created != null && closed.isBefore(created)) {
                    if (isDateOnly(closedText)
                            && !LocalDate.ofInstant(closed, options.zone())
                                    .isBefore(LocalDate.ofInstant(created, options.zone()))) {
                        closed = created; // closed the day it was created: a date without time is not earlier
                    } else {
                        problems.add(refusal(Field.CLOSED, "is before the deal was created (" + createdText + ")"));
                    }
                }
            }
        } else if (layout.closedIsExpectedWhileOpen() && !closedText.isEmpty()) {
            expectedClose = date(closedText, problems);
        }
        String company = text(row, Field.COMPANY).replaceAll("\\s+", " ");
        String contact = text(row, Field.CONTACT).replaceAll("\\s+", " ");
        String title = text(row, Field.TITLE);
        String clientRef;
        String clientName;
        String clientColumn;
        if (!company.isEmpty()) {
            clientRef = "company:" + company;
            clientName = company;
            clientColumn = heading(Field.COMPANY).orElseThrow();
        } else if (!contact.isEmpty()) {
            clientRef = "contact:" + contact;
            clientName = contact;
            clientColumn = heading(Field.CONTACT).orElseThrow();
        } else {
            // a deal without company and contact still needs a client: one of its own, named by the deal
            clientRef = "deal:" + id;
            clientName = title.isEmpty() ? "Сделка " + id : title;
            clientColumn = heading(Field.TITLE).orElse(heading(Field.ID).orElseThrow());
        }
        if (clientName.length() > MAX_NAME) {
            problems.add(new CsvRecord.Refusal(clientColumn, "is longer than " + MAX_NAME + " characters"));
        }
        String source = text(row, Field.SOURCE);
        if (source.isEmpty()) {
            source = layout.externalSystem();
        } else if (source.length() > MAX_SOURCE) {
            source = source.substring(0, MAX_SOURCE).strip();
        }
        String lossComment = null;
        if (kind == Kind.LOST) {
            String reason = text(row, Field.LOSS_REASON);
            lossComment = reason.isEmpty() ? "" : reason;
            if (!CsvLayout.normalize(stage).equals(CsvLayout.normalize(layout.lostStage()))) {
                lossComment = (lossComment.isEmpty() ? "" : lossComment + "; ") + "stage: " + stage;
            }
            lossComment = lossComment.isEmpty() ? null : lossComment;
        }
        if (!problems.isEmpty()) {
            String ref = id.isEmpty() ? "" : shorten(id);
            for (CsvRecord.Refusal problem : problems) {
                refused.add(new CsvRecord(
                        row.number(), RecordKind.DEAL, layout.externalSystem(), ref, null, Map.of(), problem));
            }
            return Optional.empty();
        }
        return Optional.of(new Deal(
                row,
                id,
                responsible,
                pipeline,
                stage,
                kind,
                amount,
                currency,
                created,
                closed,
                expectedClose,
                refOf(clientRef),
                clientName,
                !company.isEmpty(),
                clientColumn,
                contacts(row),
                source,
                lossComment));
    }

    private BigDecimal amount(String text, List<CsvRecord.Refusal> problems) {
        String cleaned = NOT_IN_AMOUNT.matcher(text).replaceAll("");
        if (cleaned.isEmpty()) {
            return BigDecimal.ZERO; // a deal without a budget
        }
        cleaned = cleaned.contains(",") && cleaned.contains(".") ? cleaned.replace(",", "") : cleaned.replace(',', '.');
        try {
            BigDecimal amount = new BigDecimal(cleaned);
            if (amount.signum() < 0) {
                problems.add(refusal(Field.AMOUNT, "is negative: " + text));
                return null;
            }
            return amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
        } catch (NumberFormatException e) {
            problems.add(refusal(Field.AMOUNT, "is not an amount: " + text));
            return null;
        }
    }

    private String currency(String text, List<CsvRecord.Refusal> problems) {
        if (text.isEmpty()) {
            return options.currency();
        }
        if (text.matches("[A-Za-z]{3}")) {
            return text.toUpperCase(Locale.ROOT);
        }
        String code = CURRENCY_NAMES.get(CsvLayout.normalize(text));
        if (code == null) {
            problems.add(refusal(
                    Field.CURRENCY,
                    "is no currency this import knows: " + text
                            + " (an ISO 4217 code such as RUB, or the currency's Russian name)"));
        }
        return code;
    }

    private Optional<Instant> dateTime(String text, Field field, List<CsvRecord.Refusal> problems) {
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return Optional.of(
                        LocalDateTime.parse(text, format).atZone(options.zone()).toInstant());
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(text, format)
                        .atStartOfDay(options.zone())
                        .toInstant());
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        problems.add(refusal(field, "is not a date such as 31.01.2025 14:30:00: " + text));
        return Optional.empty();
    }

    private LocalDate date(String text, List<CsvRecord.Refusal> problems) {
        String day = text.length() > 10 ? text.substring(0, 10) : text;
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(day, format);
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        problems.add(refusal(Field.CLOSED, "is not a date such as 31.01.2025: " + text));
        return null;
    }

    private static boolean isDateOnly(String text) {
        return text.length() <= 10;
    }

    private List<ObjectNode> contacts(CsvFile.Row row) {
        List<ObjectNode> contacts = new ArrayList<>();
        addContacts(row, phoneColumns, "PHONE", contacts);
        addContacts(row, emailColumns, "EMAIL", contacts);
        return contacts;
    }

    private void addContacts(CsvFile.Row row, List<Integer> columns, String kind, List<ObjectNode> contacts) {
        for (int column : columns) {
            for (String value : row.cell(column).split("[,;\\n]")) {
                String contact = value.strip();
                if (!contact.isEmpty()
                        && contact.length() <= 254
                        && contacts.size() < MAX_CONTACTS
                        && contacts.stream()
                                .noneMatch(c -> c.path("value").asText().equals(contact))) {
                    contacts.add(NODES.objectNode()
                            .put("kind", kind)
                            .put("value", contact)
                            .put("column", file.header().get(column)));
                }
            }
        }
    }

    // ---- the records

    private List<CsvRecord> records() {
        List<CsvRecord> refused = new ArrayList<>();
        List<Deal> deals = new ArrayList<>();
        for (CsvFile.Row row : file.rows()) {
            read(row, refused).ifPresent(deals::add);
        }
        List<CsvRecord> records = new ArrayList<>();
        records.addAll(pipelines(deals));
        records.addAll(managers(deals));
        records.addAll(clients(deals));
        // the deals and the refused rows in file order
        int next = 0;
        for (Deal deal : deals) {
            while (next < refused.size()
                    && refused.get(next).sourceRow() < deal.row().number()) {
                records.add(refused.get(next++));
            }
            records.addAll(dealRecords(deal));
        }
        records.addAll(refused.subList(next, refused.size()));
        return records;
    }

    /** A pipeline per pipeline met: its open stages in order of first appearance, then WON and LOST. */
    private List<CsvRecord> pipelines(List<Deal> deals) {
        Map<String, List<Deal>> byPipeline = new LinkedHashMap<>();
        deals.forEach(deal -> byPipeline
                .computeIfAbsent(deal.pipeline(), p -> new ArrayList<>())
                .add(deal));
        List<CsvRecord> records = new ArrayList<>();
        for (Map.Entry<String, List<Deal>> pipeline : byPipeline.entrySet()) {
            List<Deal> its = pipeline.getValue();
            List<String> open = its.stream()
                    .filter(d -> d.kind() == Kind.OPEN)
                    .map(Deal::stage)
                    .distinct()
                    .toList();
            // the closing stages take the name the export shows (a status id such as 142 or C1:WON takes the CRM's
            // default name); of several lost stages (Bitrix24's LOSE and APOLOGY) the CRM's own LOST one wins
            String won = its.stream()
                    .filter(d -> d.kind() == Kind.WON)
                    .map(Deal::stage)
                    .filter(s -> !STAGE_ID.matcher(s).matches())
                    .findFirst()
                    .orElse(layout.wonStage());
            List<String> lostMet = its.stream()
                    .filter(d -> d.kind() == Kind.LOST)
                    .map(Deal::stage)
                    .filter(s -> !STAGE_ID.matcher(s).matches())
                    .toList();
            String lost = lostMet.stream()
                    .filter(s -> CsvLayout.normalize(s).equals(CsvLayout.normalize(layout.lostStage())))
                    .findFirst()
                    .or(() -> lostMet.stream().findFirst())
                    .orElse(layout.lostStage());
            String ref = pipelineRef(pipeline.getKey());
            ArrayNode stages = NODES.arrayNode();
            if (open.isEmpty()) {
                // every pipeline needs an open stage; the deals of a file with only closed ones open there
                open = List.of("Новая");
            }
            for (int i = 0; i < open.size(); i++) {
                int probability = open.size() == 1 ? 10 : 10 + Math.round(80f * i / (open.size() - 1));
                stages.add(stage(open.get(i), probability, "OPEN", openStageRef(ref, open.get(i))));
            }
            stages.add(stage(won, 100, "WON", ref + ":won"));
            stages.add(stage(lost, 0, "LOST", ref + ":lost"));
            ObjectNode body = record(RecordKind.PIPELINE, ref).put("name", pipeline.getKey());
            body.set("stages", stages);
            body.put(
                    "occurredAt",
                    time(its.stream().map(Deal::created).min(Instant::compareTo).orElseThrow()));
            Map<String, String> columns = new LinkedHashMap<>();
            heading(Field.PIPELINE).ifPresent(h -> columns.put("name", h));
            columns.put("stages", heading(Field.STAGE).orElseThrow());
            columns.put("occurredAt", heading(Field.CREATED).orElseThrow());
            records.add(new CsvRecord(
                    its.get(0).row().number(), RecordKind.PIPELINE, layout.externalSystem(), ref, body, columns, null));
        }
        return records;
    }

    private ObjectNode stage(String name, int probability, String kind, String ref) {
        return NODES.objectNode()
                .put("name", name)
                .put("probability", probability)
                .put("kind", kind)
                .put("externalSystem", layout.externalSystem())
                .put("externalId", ref);
    }

    /** A manager per responsible user met, hired by the creation of their first deal in the file. */
    private List<CsvRecord> managers(List<Deal> deals) {
        Map<String, List<Deal>> byManager = new LinkedHashMap<>();
        deals.forEach(deal -> byManager
                .computeIfAbsent(deal.responsible(), m -> new ArrayList<>())
                .add(deal));
        List<CsvRecord> records = new ArrayList<>();
        for (Map.Entry<String, List<Deal>> manager : byManager.entrySet()) {
            String ref = refOf(manager.getKey());
            ObjectNode body = record(RecordKind.MANAGER, ref)
                    .put("name", manager.getKey())
                    .put("capacity", MANAGER_CAPACITY);
            ArrayNode shifts = body.putArray("shifts");
            for (DayOfWeek day : List.of(
                    DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                shifts.addObject()
                        .put("day", day.name())
                        .put("start", SHIFT_START)
                        .put("end", SHIFT_END);
            }
            body.put(
                    "occurredAt",
                    time(manager.getValue().stream()
                            .map(Deal::created)
                            .min(Instant::compareTo)
                            .orElseThrow()));
            String responsible = heading(Field.RESPONSIBLE).orElseThrow();
            records.add(new CsvRecord(
                    manager.getValue().get(0).row().number(),
                    RecordKind.MANAGER,
                    layout.externalSystem(),
                    ref,
                    body,
                    Map.of(
                            "name",
                            responsible,
                            "externalId",
                            responsible,
                            "occurredAt",
                            heading(Field.CREATED).orElseThrow()),
                    null));
        }
        return records;
    }

    /** A client per company (or contact, or deal without either) met, in the base since its first deal. */
    private List<CsvRecord> clients(List<Deal> deals) {
        Map<String, List<Deal>> byClient = new LinkedHashMap<>();
        deals.forEach(deal -> byClient.computeIfAbsent(deal.clientRef(), c -> new ArrayList<>())
                .add(deal));
        List<CsvRecord> records = new ArrayList<>();
        for (Map.Entry<String, List<Deal>> client : byClient.entrySet()) {
            Deal first = client.getValue().get(0);
            ObjectNode body = record(RecordKind.CLIENT, client.getKey())
                    .put("kind", first.company() ? "COMPANY" : "PERSON")
                    .put("name", first.clientName());
            Map<String, String> columns = new LinkedHashMap<>();
            columns.put("name", first.clientColumn());
            columns.put("externalId", first.clientColumn());
            Deal withContacts = client.getValue().stream()
                    .filter(d -> !d.contacts().isEmpty())
                    .findFirst()
                    .orElse(first);
            if (!withContacts.contacts().isEmpty()) {
                ArrayNode contacts = body.putArray("contacts");
                for (ObjectNode contact : withContacts.contacts()) {
                    columns.put(
                            "contacts[" + contacts.size() + "]",
                            contact.path("column").asText());
                    contacts.addObject()
                            .put("kind", contact.path("kind").asText())
                            .put("value", contact.path("value").asText());
                }
            }
            body.put(
                    "occurredAt",
                    time(client.getValue().stream()
                            .map(Deal::created)
                            .min(Instant::compareTo)
                            .orElseThrow()));
            columns.put("occurredAt", heading(Field.CREATED).orElseThrow());
            records.add(new CsvRecord(
                    first.row().number(),
                    RecordKind.CLIENT,
                    layout.externalSystem(),
                    client.getKey(),
                    body,
                    columns,
                    null));
        }
        return records;
    }

    /** The deal as it opened, and its win or loss when it is closed. */
    private List<CsvRecord> dealRecords(Deal deal) {
        String pipelineRef = pipelineRef(deal.pipeline());
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("externalId", heading(Field.ID).orElseThrow());
        columns.put("clientRef", deal.clientColumn());
        columns.put("clientName", deal.clientColumn());
        columns.put("managerRef", heading(Field.RESPONSIBLE).orElseThrow());
        heading(Field.PIPELINE).ifPresent(h -> columns.put("pipelineRef", h));
        columns.put("stageRef", heading(Field.STAGE).orElseThrow());
        columns.put("amount", heading(Field.AMOUNT).orElseThrow());
        heading(Field.CURRENCY).ifPresent(h -> columns.put("currency", h));
        heading(Field.SOURCE).ifPresent(h -> columns.put("source", h));
        heading(Field.CLOSED).ifPresent(h -> columns.put("expectedCloseDate", h));

        ObjectNode opened = dealBody(deal, pipelineRef);
        if (deal.kind() == Kind.OPEN) {
            opened.set("stageRef", ref(openStageRef(pipelineRef, deal.stage())));
            if (deal.expectedClose() != null) {
                opened.put("expectedCloseDate", deal.expectedClose().toString());
            }
        }
        opened.put("occurredAt", time(deal.created()));
        Map<String, String> openedColumns = new LinkedHashMap<>(columns);
        openedColumns.put("occurredAt", heading(Field.CREATED).orElseThrow());
        List<CsvRecord> records = new ArrayList<>();
        records.add(new CsvRecord(
                deal.row().number(), RecordKind.DEAL, layout.externalSystem(), deal.id(), opened, openedColumns, null));
        if (deal.kind() != Kind.OPEN) {
            ObjectNode closed = dealBody(deal, pipelineRef);
            closed.set("stageRef", ref(pipelineRef + (deal.kind() == Kind.WON ? ":won" : ":lost")));
            if (deal.kind() == Kind.LOST) {
                closed.put("lossReason", LOSS_REASON);
                if (deal.lossComment() != null) {
                    closed.put("lossComment", deal.lossComment());
                }
            }
            closed.put("occurredAt", time(deal.closed()));
            Map<String, String> closedColumns = new LinkedHashMap<>(columns);
            closedColumns.put("occurredAt", heading(Field.CLOSED).orElseThrow());
            heading(Field.LOSS_REASON).ifPresent(h -> closedColumns.put("lossComment", h));
            records.add(new CsvRecord(
                    deal.row().number(),
                    RecordKind.DEAL,
                    layout.externalSystem(),
                    deal.id(),
                    closed,
                    closedColumns,
                    null));
        }
        return records;
    }

    private ObjectNode dealBody(Deal deal, String pipelineRef) {
        ObjectNode body = record(RecordKind.DEAL, deal.id());
        body.set("clientRef", ref(deal.clientRef()));
        body.put("clientName", deal.clientName());
        body.set("managerRef", ref(refOf(deal.responsible())));
        body.set("pipelineRef", ref(pipelineRef));
        if (deal.amount().scale() <= 0) {
            body.put("amount", deal.amount().longValueExact()); // 150000, not the factory's 1.5E+5
        } else {
            body.put("amount", deal.amount());
        }
        body.put("currency", deal.currency());
        body.put("source", deal.source());
        return body;
    }

    private ObjectNode record(RecordKind kind, String externalId) {
        return NODES.objectNode()
                .put("recordType", kind.type())
                .put("externalSystem", layout.externalSystem())
                .put("externalId", externalId);
    }

    private ObjectNode ref(String externalId) {
        return NODES.objectNode().put("externalSystem", layout.externalSystem()).put("externalId", externalId);
    }

    private String time(Instant instant) {
        return OFFSET_TIME.format(instant.atZone(options.zone()));
    }

    // ---- references made from names

    /** A pipeline's reference: its name. */
    static String pipelineRef(String name) {
        return refOf(name);
    }

    /** A reference made from a name: '/' would split the owner's path, so it becomes '|'; at most 100 characters. */
    static String refOf(String name) {
        return shorten(name.replace('/', '|'));
    }

    /** An open stage's reference: unique across the tenant's pipelines, as stage references must be. */
    static String openStageRef(String pipelineRef, String stage) {
        return shorten(pipelineRef + ":" + stage);
    }

    /** At most 100 characters: a longer reference keeps its start and a hash of the whole. */
    static String shorten(String ref) {
        if (ref.length() <= MAX_REF) {
            return ref;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(ref.getBytes(StandardCharsets.UTF_8));
            return ref.substring(0, MAX_REF - 17) + "~" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- cells

    private String text(CsvFile.Row row, Field field) {
        Integer at = index.get(field);
        return at == null ? "" : row.cell(at);
    }

    /** The heading the file gives the column of this field, if it has it. */
    private Optional<String> heading(Field field) {
        return Optional.ofNullable(index.get(field)).map(i -> file.header().get(i));
    }

    private CsvRecord.Refusal refusal(Field field, String detail) {
        return new CsvRecord.Refusal(heading(field).orElseThrow(), detail);
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    static ZoneId zone(String id) {
        return ZoneId.of(id);
    }
}
