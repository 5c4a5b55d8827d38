package com.salespulse.analytics.export;

import com.salespulse.analytics.metric.MetricAnswer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns any metric's answer into the tables an export holds, from the shape of its figures record, so one rule
 * serves the twelve metrics (docs/export.md):
 *
 * <ul>
 *   <li>{@code figures}: one row per single figure ({@code figure}, {@code value}), a nested record's figures named
 *       with a dot ({@code overall.mean});
 *   <li>one table per list of the figures, named by its path ({@code byManager}, {@code bottleneck.x}), one row per
 *       element, a nested record's fields as dotted columns ({@code check.mean}); a list inside an element is a table
 *       of its own ({@code managers.byStage}) whose rows repeat the element's ids, names and codes first
 *       ({@code managers.managerId});
 *   <li>{@code drillDown}: one row per card of the page, the fields of the shared drill-down item;
 *   <li>{@code about}: what was asked and how far the read model had got ({@code metric}, {@code from}, {@code to},
 *       the filters, {@code asOf}, the drill-down's figure and page, and the next page's cursor).
 * </ul>
 *
 * The columns come from the types, so an empty list still has its header row. Values stay typed (numbers, dates,
 * instants); each format writes them its way.
 */
public final class MetricTables {

    public static final String FIGURES = "figures";
    public static final String DRILL_DOWN = "drillDown";
    public static final String ABOUT = "about";

    /** A table: its name, its header and its rows (each as long as the header; a value may be null). */
    public record Table(String name, List<String> columns, List<List<Object>> rows) {}

    private record Column(String name, Function<Object, Object> value, boolean key) {}

    private static final Map<Class<?>, List<String>> NAMES = new ConcurrentHashMap<>();

    private MetricTables() {}

    /** Every table of an answer, in the order an XLSX shows them: figures, the figures' lists, drill-down, about. */
    public static List<Table> of(MetricAnswer<?> answer, Class<?> figuresType) {
        List<Table> tables = new ArrayList<>();
        Object figures = answer.figures();
        List<List<Object>> single = new ArrayList<>();
        for (Column column : columns(figuresType, "", Function.identity())) {
            single.add(Arrays.asList(
                    column.name(), figures == null ? null : column.value().apply(figures)));
        }
        tables.add(new Table(FIGURES, List.of("figure", "value"), single));
        List<Object> root = figures == null ? List.of() : List.of(figures);
        for (Nested list : lists(figuresType, "", Function.identity())) {
            table(list.name(), list.elementType(), elements(root, List.of(List.of()), list.value()), List.of(), tables);
        }
        MetricAnswer.DrillDown drill = answer.drillDown();
        List<Object> items = drill == null || drill.items() == null ? List.of() : List.copyOf(drill.items());
        Table drillDown = table(
                        DRILL_DOWN,
                        MetricAnswer.DrillDownItem.class,
                        new Rows(items, items.stream().map(i -> List.of()).toList()),
                        List.of(),
                        new ArrayList<>())
                .get(0);
        tables.add(drillDown);
        tables.add(about(answer));
        return tables;
    }

    /** The table names a metric's answer exports, from its figures' type. */
    public static List<String> names(Class<?> figuresType) {
        return NAMES.computeIfAbsent(figuresType, type -> {
            List<String> names = new ArrayList<>();
            names.add(FIGURES);
            for (Nested list : lists(type, "", Function.identity())) {
                collectNames(list.name(), list.elementType(), names);
            }
            names.add(DRILL_DOWN);
            names.add(ABOUT);
            return List.copyOf(names);
        });
    }

    /** The figures' type of a resource method answering {@code MetricAnswer<F>}; null for any other method. */
    public static Class<?> figuresType(Type answerType) {
        if (answerType instanceof ParameterizedType parameterized
                && parameterized.getRawType() == MetricAnswer.class
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> figures) {
            return figures;
        }
        return null;
    }

    private static void collectNames(String name, Class<?> elementType, List<String> names) {
        names.add(name);
        if (elementType.isRecord()) {
            for (Nested list : lists(elementType, "", Function.identity())) {
                collectNames(name + "." + list.name(), list.elementType(), names);
            }
        }
    }

    /** The elements of one table and, for each, the key values it repeats from the rows it is nested in. */
    private record Rows(List<Object> elements, List<List<Object>> keys) {}

    /** A list found in a record: its dotted path, how to read it and its element type. */
    private record Nested(String name, Function<Object, Object> value, Class<?> elementType) {}

    private static Rows elements(List<Object> parents, List<List<Object>> parentKeys, Function<Object, Object> list) {
        List<Object> elements = new ArrayList<>();
        List<List<Object>> keys = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            if (list.apply(parents.get(i)) instanceof List<?> values) {
                for (Object value : values) {
                    elements.add(value);
                    keys.add(parentKeys.get(i));
                }
            }
        }
        return new Rows(elements, keys);
    }

    private static List<Table> table(
            String name, Class<?> elementType, Rows rows, List<String> keyNames, List<Table> tables) {
        List<Column> columns = elementType.isRecord()
                ? columns(elementType, "", Function.identity())
                : List.of(new Column(name.substring(name.lastIndexOf('.') + 1), Function.identity(), true));
        List<String> header = new ArrayList<>(keyNames);
        columns.forEach(column -> header.add(column.name()));
        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < rows.elements().size(); i++) {
            Object element = rows.elements().get(i);
            List<Object> row = new ArrayList<>(rows.keys().get(i));
            columns.forEach(
                    column -> row.add(element == null ? null : column.value().apply(element)));
            values.add(row);
        }
        tables.add(new Table(name, List.copyOf(header), values));
        if (elementType.isRecord()) {
            List<Column> keys = columns.stream().filter(Column::key).toList();
            List<String> childKeyNames = new ArrayList<>(keyNames);
            keys.forEach(key -> childKeyNames.add(name + "." + key.name()));
            List<List<Object>> childKeys = new ArrayList<>();
            for (int i = 0; i < rows.elements().size(); i++) {
                Object element = rows.elements().get(i);
                List<Object> key = new ArrayList<>(rows.keys().get(i));
                keys.forEach(column ->
                        key.add(element == null ? null : column.value().apply(element)));
                childKeys.add(key);
            }
            for (Nested list : lists(elementType, "", Function.identity())) {
                table(
                        name + "." + list.name(),
                        list.elementType(),
                        elements(rows.elements(), childKeys, list.value()),
                        childKeyNames,
                        tables);
            }
        }
        return tables;
    }

    /** The single values of a record type, nested records flattened with a dot; lists are left to tables. */
    private static List<Column> columns(Class<?> type, String prefix, Function<Object, Object> from) {
        List<Column> columns = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> raw = component.getType();
            Function<Object, Object> value = read(from, component);
            String name = prefix + component.getName();
            if (List.class.isAssignableFrom(raw)) {
                continue;
            }
            if (raw.isRecord()) {
                columns.addAll(columns(raw, name + ".", value));
            } else {
                columns.add(new Column(name, value, identifying(raw)));
            }
        }
        return columns;
    }

    /** The lists of a record type, also those inside its nested (single) records. */
    private static List<Nested> lists(Class<?> type, String prefix, Function<Object, Object> from) {
        List<Nested> lists = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> raw = component.getType();
            Function<Object, Object> value = read(from, component);
            String name = prefix + component.getName();
            if (List.class.isAssignableFrom(raw)) {
                lists.add(new Nested(name, value, elementType(component)));
            } else if (raw.isRecord()) {
                lists.addAll(lists(raw, name + ".", value));
            }
        }
        return lists;
    }

    private static Class<?> elementType(RecordComponent component) {
        if (component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return Object.class;
    }

    /** Ids, names, codes and dates identify a row; numbers are what it measures. */
    private static boolean identifying(Class<?> type) {
        return type == UUID.class
                || type == String.class
                || type.isEnum()
                || type == LocalDate.class
                || type == Instant.class;
    }

    /** Reads a component of the record {@code from} gives; null when that record is absent. */
    private static Function<Object, Object> read(Function<Object, Object> from, RecordComponent component) {
        var accessor = component.getAccessor();
        accessor.setAccessible(true);
        return owner -> {
            Object record = from.apply(owner);
            if (record == null) {
                return null;
            }
            try {
                return accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
        };
    }

    private static Table about(MetricAnswer<?> answer) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("metric", answer.metric());
        about.put("definitionVersion", answer.definitionVersion());
        MetricAnswer.Period period = answer.period();
        about.put("from", period == null ? null : period.from());
        about.put("to", period == null ? null : period.to());
        about.put("timeZone", period == null ? null : period.timeZone());
        about.put("workingDays", period == null ? null : period.workingDays());
        MetricAnswer.Filters filters = answer.filters();
        about.put("managerId", filters == null ? null : filters.managerId());
        about.put("teamId", filters == null ? null : filters.teamId());
        about.put("source", filters == null ? null : filters.source());
        about.put("pipelineId", filters == null ? null : filters.pipelineId());
        MetricAnswer.DrillDown drill = answer.drillDown();
        about.put("drillDown.figure", drill == null ? null : drill.figure());
        about.put("drillDown.page", drill == null ? null : drill.page());
        about.put("drillDown.size", drill == null ? null : drill.size());
        about.put("drillDown.totalItems", drill == null ? null : drill.totalItems());
        about.put("drillDown.moreItems", drill == null ? null : drill.moreItems());
        about.put("drillDown.sort", drill == null ? null : drill.sort());
        about.put("drillDown.nextCursor", drill == null ? null : drill.nextCursor());
        about.put("asOf", answer.asOf());
        List<List<Object>> rows = new ArrayList<>();
        about.forEach((name, value) -> rows.add(Arrays.asList(name, value)));
        return new Table(ABOUT, List.of("figure", "value"), rows);
    }

    /** Whether a name is one of the tables of these figures (the {@code table} parameter). */
    public static boolean known(Class<?> figuresType, String table) {
        return Set.copyOf(names(figuresType)).contains(table);
    }
}
