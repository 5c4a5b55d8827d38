package com.salespulse.integration.csv;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CSV exports a head of sales can upload as they come out of the CRM: which columns each layout reads (the
 * headings of the Russian interface first, then the English ones), which of them a file must have, and which stage
 * values mean won and lost. Headings are compared ignoring case, surrounding spaces, repeated spaces and ё/е.
 */
public enum CsvLayout {

    /** amoCRM "Сделки" → "Экспорт" (Kommo "Leads" → "Export"). */
    AMOCRM_LEADS(
            "amocrm-leads",
            "amocrm",
            "Основная воронка",
            "Успешно реализовано",
            "Закрыто и не реализовано",
            List.of(
                    column(Field.ID, true, "ID", "id сделки"),
                    column(Field.TITLE, false, "Название сделки", "Название", "Lead name", "Lead title", "Name"),
                    column(Field.AMOUNT, true, "Бюджет", "Бюджет ₽", "Бюджет, ₽", "Бюджет руб", "Budget", "Sale"),
                    column(
                            Field.RESPONSIBLE,
                            true,
                            "Ответственный",
                            "Ответственный пользователь",
                            "Responsible user",
                            "Responsible"),
                    column(Field.STAGE, true, "Этап сделки", "Этап", "Статус сделки", "Stage", "Lead status", "Status"),
                    column(Field.PIPELINE, false, "Воронка", "Pipeline"),
                    column(
                            Field.CREATED,
                            true,
                            "Дата создания",
                            "Дата создания сделки",
                            "Date created",
                            "Created",
                            "Created at"),
                    column(Field.CLOSED, false, "Дата закрытия", "Closing date", "Date closed", "Closed at", "Closed"),
                    column(Field.COMPANY, false, "Компания", "Компания контакта", "Company", "Company name"),
                    column(
                            Field.CONTACT,
                            false,
                            "Основной контакт",
                            "Полное имя контакта",
                            "Контакт",
                            "Main contact",
                            "Contact",
                            "Contact name"),
                    column(Field.LOSS_REASON, false, "Причина отказа", "Loss reason"),
                    column(Field.SOURCE, false, "Источник", "Источник сделки", "Source")),
            // amoCRM's two closing statuses exist in every pipeline: 142 won, 143 lost
            Pattern.compile("успешно реализовано|142|closed ?- ?won|won|successfully realized"),
            Pattern.compile("закрыто и не реализовано|143|closed ?- ?lost|lost|closed and not realized"),
            false),

    /** Bitrix24 "CRM" → "Сделки" → "Экспорт в CSV/Excel". */
    BITRIX24_DEALS(
            "bitrix24-deals",
            "bitrix24",
            "Общая",
            "Сделка успешна",
            "Сделка провалена",
            List.of(
                    column(Field.ID, true, "ID"),
                    column(Field.TITLE, false, "Название сделки", "Название", "Deal name", "Name"),
                    column(Field.STAGE, true, "Стадия сделки", "Стадия", "Stage"),
                    column(Field.AMOUNT, true, "Сумма", "Сумма сделки", "Amount", "Opportunity"),
                    column(Field.CURRENCY, false, "Валюта", "Currency"),
                    column(Field.RESPONSIBLE, true, "Ответственный", "Responsible person", "Responsible"),
                    column(Field.CREATED, true, "Дата создания", "Created", "Date created"),
                    column(
                            Field.CLOSED,
                            false,
                            "Дата закрытия",
                            "Предполагаемая дата закрытия",
                            "Expected close date",
                            "Close date"),
                    column(Field.PIPELINE, false, "Воронка", "Направление", "Воронка (направление)", "Pipeline"),
                    column(Field.SOURCE, false, "Источник", "Source"),
                    column(Field.COMPANY, false, "Компания", "Компания: Название компании", "Company"),
                    column(Field.CONTACT, false, "Контакт", "Контакт: Имя", "Contact"),
                    column(Field.LOSS_REASON, false, "Причина отказа", "Причина провала", "Loss reason")),
            // the stage ids of the general pipeline (WON, LOSE, APOLOGY) and of pipeline n (Cn:WON, ...), and the
            // default names; APOLOGY ("Анализ причины провала") is a failed stage too
            Pattern.compile("(c\\d+:)?won|сделка успешна|успешно|сделка заключена"),
            Pattern.compile("(c\\d+:)?(lose|apology)|сделка провалена|анализ причины провала|провалена"),
            true);

    /** What a column means to the mapping. */
    public enum Field {
        ID,
        TITLE,
        AMOUNT,
        CURRENCY,
        RESPONSIBLE,
        STAGE,
        PIPELINE,
        CREATED,
        CLOSED,
        COMPANY,
        CONTACT,
        LOSS_REASON,
        SOURCE
    }

    /** A column: its meaning, whether every file must have it, and its headings (the first is the one named). */
    public record Column(Field field, boolean required, List<String> headings) {

        public String heading() {
            return headings.get(0);
        }

        boolean matches(String heading) {
            String given = normalize(heading);
            return headings.stream().anyMatch(h -> normalize(h).equals(given));
        }
    }

    private final String id;
    private final String externalSystem;
    private final String defaultPipeline;
    private final String wonStage;
    private final String lostStage;
    private final List<Column> columns;
    private final Pattern won;
    private final Pattern lost;
    private final boolean closedIsExpectedWhileOpen;

    CsvLayout(
            String id,
            String externalSystem,
            String defaultPipeline,
            String wonStage,
            String lostStage,
            List<Column> columns,
            Pattern won,
            Pattern lost,
            boolean closedIsExpectedWhileOpen) {
        this.id = id;
        this.externalSystem = externalSystem;
        this.defaultPipeline = defaultPipeline;
        this.wonStage = wonStage;
        this.lostStage = lostStage;
        this.columns = columns;
        this.won = won;
        this.lost = lost;
        this.closedIsExpectedWhileOpen = closedIsExpectedWhileOpen;
    }

    public String id() {
        return id;
    }

    /** The {@code externalSystem} of every record the layout makes. */
    public String externalSystem() {
        return externalSystem;
    }

    /** The pipeline of a file without a pipeline column, named as the CRM names its first one. */
    public String defaultPipeline() {
        return defaultPipeline;
    }

    /** The WON stage's name when the file shows no won deal. */
    public String wonStage() {
        return wonStage;
    }

    /** The LOST stage's name when the file shows no lost deal. */
    public String lostStage() {
        return lostStage;
    }

    public List<Column> columns() {
        return columns;
    }

    public Optional<Column> column(Field field) {
        return columns.stream().filter(c -> c.field() == field).findFirst();
    }

    /**
     * Bitrix24's closing column is the expected closing date while a deal is open (CLOSEDATE) and the day it closed
     * once it is closed; amoCRM's is empty until the deal closes.
     */
    public boolean closedIsExpectedWhileOpen() {
        return closedIsExpectedWhileOpen;
    }

    public boolean isWon(String stage) {
        return won.matcher(normalize(stage)).matches();
    }

    public boolean isLost(String stage) {
        return lost.matcher(normalize(stage)).matches();
    }

    public static Optional<CsvLayout> of(String id) {
        return Arrays.stream(values()).filter(layout -> layout.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(CsvLayout::id).toList();
    }

    static String normalize(String text) {
        return text.strip()
                .replaceAll("\\s+", " ")
                .replace('ё', 'е')
                .replace('Ё', 'Е')
                .replace('–', '-')
                .replace('—', '-')
                .toLowerCase(Locale.ROOT);
    }

    private static Column column(Field field, boolean required, String... headings) {
        return new Column(field, required, List.of(headings));
    }
}
