package com.salespulse.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.metric.MetricAnswer;
import com.salespulse.analytics.metric.load.LoadFigures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rule that turns a figures record into tables, on a small figures type with every shape the metrics use: a
 * nested record, a list of records holding a record and a list, a list of ids. (MetricExportTest checks the
 * metrics' own answers over HTTP.)
 */
class MetricTablesTest {

    record Check(long deals, BigDecimal mean) {}

    record Stage(String stage, long count) {}

    record Manager(UUID managerId, String name, Check check, List<Stage> byStage) {}

    record Figures(long total, Check overall, List<Manager> managers, List<UUID> idle) {}

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BORIS = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

    @Test
    void aNestedListIsATableWhoseRowsRepeatTheirElementsIdsAndNames() {
        Figures figures = new Figures(
                3,
                new Check(3, new BigDecimal("7.50")),
                List.of(
                        new Manager(
                                ANNA,
                                "Анна",
                                new Check(2, new BigDecimal("10.00")),
                                List.of(new Stage("LEAD:NEW", 1), new Stage("LEAD:IN_WORK", 1))),
                        new Manager(BORIS, "Boris", null, List.of())),
                List.of(BORIS));
        List<MetricTables.Table> tables = MetricTables.of(answer(figures), Figures.class);

        assertThat(tables.stream().map(MetricTables.Table::name))
                .containsExactly("figures", "managers", "managers.byStage", "idle", "drillDown", "about");
        MetricTables.Table single = tables.get(0);
        assertThat(single.rows())
                .containsExactly(
                        Arrays.asList("total", 3L),
                        Arrays.asList("overall.deals", 3L),
                        Arrays.asList("overall.mean", new BigDecimal("7.50")));
        MetricTables.Table managers = tables.get(1);
        assertThat(managers.columns()).containsExactly("managerId", "name", "check.deals", "check.mean");
        assertThat(managers.rows())
                .containsExactly(
                        Arrays.asList(ANNA, "Анна", 2L, new BigDecimal("10.00")),
                        Arrays.asList(BORIS, "Boris", null, null));
        MetricTables.Table stages = tables.get(2);
        assertThat(stages.columns()).containsExactly("managers.managerId", "managers.name", "stage", "count");
        assertThat(stages.rows())
                .containsExactly(
                        Arrays.asList(ANNA, "Анна", "LEAD:NEW", 1L), Arrays.asList(ANNA, "Анна", "LEAD:IN_WORK", 1L));
        assertThat(tables.get(3).columns()).containsExactly("idle");
        assertThat(tables.get(3).rows()).containsExactly(List.of(BORIS));
        assertThat(tables.get(4).rows()).isEmpty();
        assertThat(tables.get(5).rows()).contains(Arrays.asList("from", LocalDate.of(2026, 10, 1)));
    }

    @Test
    void anAnswerWithoutFiguresStillHasEveryTableWithItsHeader() {
        List<MetricTables.Table> tables = MetricTables.of(answer(null), Figures.class);
        assertThat(tables.get(0).rows())
                .containsExactly(
                        Arrays.asList("total", null),
                        Arrays.asList("overall.deals", null),
                        Arrays.asList("overall.mean", null));
        assertThat(tables.get(2).columns()).containsExactly("managers.managerId", "managers.name", "stage", "count");
        assertThat(tables.get(2).rows()).isEmpty();
    }

    @Test
    void theTableNamesOfAMetricComeFromItsFiguresType() {
        assertThat(MetricTables.names(LoadFigures.class))
                .containsExactly(
                        "figures",
                        "managers",
                        "managers.byStage",
                        "stages",
                        "overloaded",
                        "idle",
                        "drillDown",
                        "about");
        assertThat(MetricTables.known(LoadFigures.class, "managers.byStage")).isTrue();
        assertThat(MetricTables.known(LoadFigures.class, "byWeather")).isFalse();
    }

    private static MetricAnswer<Figures> answer(Figures figures) {
        return new MetricAnswer<>(
                "test",
                1,
                new MetricAnswer.Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), "Europe/Moscow", 22),
                new MetricAnswer.Filters(null, null, null, null),
                figures,
                new MetricAnswer.DrillDown("total", 0, 50, 0L, List.of()),
                null);
    }
}
