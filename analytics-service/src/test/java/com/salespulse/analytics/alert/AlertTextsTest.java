package com.salespulse.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.analytics.settings.WorkCalendar;
import com.salespulse.contract.alert.AlertType;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Alert titles and messages in the tenant's language, word for word, from the two bundles: what a head of sales
 * reads on /api/v1/alerts and in the alert event. The per-manager conditions share {@link ManagerCondition}: its
 * key, severity, figures and texts are checked here with a reading of each kind.
 */
class AlertTextsTest {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID NOBODY = UUID.fromString("00000000-0000-0000-0000-00000000b002");

    @Test
    void bothLanguagesHaveTheSameKeysWithTheSamePlaceholders() {
        ResourceBundle ru = AlertTexts.bundle("ru");
        ResourceBundle en = AlertTexts.bundle("en");
        assertThat(new TreeSet<>(ru.keySet())).isEqualTo(new TreeSet<>(en.keySet()));
        for (String key : ru.keySet()) {
            assertThat(placeholders(ru.getString(key))).as(key).isEqualTo(placeholders(en.getString(key)));
        }
        for (AlertType type : AlertType.values()) {
            assertThat(ru.containsKey(type.name() + ".title")).as(type.name()).isTrue();
            assertThat(ru.containsKey(type.name() + ".message")).as(type.name()).isTrue();
        }
    }

    @Test
    void anOverloadedManagerInRussianAndEnglish() {
        Reading reading = new Reading(
                ANNA,
                true,
                false,
                Map.of(
                        "openCards",
                        BigDecimal.valueOf(3),
                        "capacity",
                        BigDecimal.valueOf(2),
                        "capacityUsePercent",
                        new BigDecimal("150.0"),
                        "limitPercent",
                        new BigDecimal("100")),
                Map.of());
        ConditionState ru = state(AlertType.MANAGER_OVER_CAPACITY, "ru", reading);
        assertThat(ru.conditionKey()).isEqualTo("MANAGER_OVER_CAPACITY:manager:" + ANNA);
        assertThat(ru.severity()).isEqualTo(ConditionState.WARNING);
        assertThat(ru.title()).isEqualTo("Анна Петрова: открытых карточек 3, 150.0% ёмкости");
        assertThat(ru.message())
                .isEqualTo("Анна Петрова: открытых карточек 3 при ёмкости 2 (лимит 100%). Передайте часть карточек "
                        + "или приостановите назначение лидов.");
        ConditionState en = state(AlertType.MANAGER_OVER_CAPACITY, "en", reading);
        assertThat(en.title()).isEqualTo("Анна Петрова holds 3 open cards, 150.0% of capacity");
        assertThat(en.message())
                .isEqualTo("Анна Петрова holds 3 open cards against a capacity of 2 (limit 100%). Hand some over or "
                        + "pause their lead assignment.");
        assertThat(en.figures()).containsEntry("capacityUsePercent", new BigDecimal("150.0"));
    }

    @Test
    void rottingDealsInRussianAndEnglish() {
        Reading reading = new Reading(
                ANNA,
                true,
                true,
                Map.of(
                        "rottingDeals", BigDecimal.valueOf(3),
                        "limit", BigDecimal.ONE,
                        "longestDays", BigDecimal.valueOf(12)),
                Map.of());
        ConditionState ru = state(AlertType.DEALS_ROTTING, "ru", reading);
        assertThat(ru.severity()).isEqualTo(ConditionState.CRITICAL);
        assertThat(ru.title()).isEqualTo("Анна Петрова: застрявших сделок 3");
        assertThat(ru.message())
                .isEqualTo("Сделок, застрявших на этапе дольше его лимита, 3 (лимит оповещения 1); самая давняя стоит "
                        + "там 12 дн. Продвиньте их, отложите с причиной или отправьте в архив.");
        ConditionState en = state(AlertType.DEALS_ROTTING, "en", reading);
        assertThat(en.title()).isEqualTo("Анна Петрова has 3 rotting deals");
        assertThat(en.message())
                .isEqualTo("3 deals stuck in their stage past its limit (alert limit 1); the longest has been there 12 "
                        + "days. Move them on, snooze them with a reason or archive them.");
    }

    @Test
    void anUntransferredBaseOfAManagerTheRosterDoesNotKnowInRussianAndEnglish() {
        Reading reading = new Reading(
                NOBODY,
                true,
                false,
                Map.of(
                        "openCards", BigDecimal.valueOf(4),
                        "daysSinceDismissal", BigDecimal.valueOf(9),
                        "limitDays", BigDecimal.valueOf(7)),
                Map.of("dismissedAt", LocalDate.parse("2026-11-09")));
        ConditionState ru = state(AlertType.DISMISSED_BASE_UNTRANSFERRED, "ru", reading);
        assertThat(ru.title()).isEqualTo("Менеджер " + NOBODY + ": уволен(а) 9 дн. назад, открытых карточек всё ещё 4");
        assertThat(ru.message())
                .isEqualTo("Менеджер " + NOBODY + ": дата увольнения 2026-11-09; через 9 дн. открытых карточек всё "
                        + "ещё 4 (лимит 7 дн.). Передайте их.");
        ConditionState en = state(AlertType.DISMISSED_BASE_UNTRANSFERRED, "en", reading);
        assertThat(en.title()).isEqualTo("Manager " + NOBODY + " left 9 days ago and still owns 4 open cards");
        assertThat(en.message())
                .isEqualTo("Manager " + NOBODY + " was dismissed on 2026-11-09; 4 open cards are still theirs after 9 "
                        + "days (limit 7). Transfer them.");
        // the words are for the text only: the alert's figures are its numbers
        assertThat(en.figures()).doesNotContainKey("dismissedAt");
    }

    @Test
    void overdueTasksAndForgottenCardsInRussianAndEnglish() {
        Map<String, BigDecimal> overdue = Map.of(
                "overdueTasks", BigDecimal.valueOf(7), "limit", BigDecimal.valueOf(5), "oldestDays", BigDecimal.TEN);
        Reading reading = new Reading(ANNA, true, false, overdue, Map.of());
        assertThat(state(AlertType.OVERDUE_TASKS, "ru", reading).title())
                .isEqualTo("Анна Петрова: просроченных задач 7");
        assertThat(state(AlertType.OVERDUE_TASKS, "ru", reading).message())
                .isEqualTo("Просроченных задач 7 (лимит 5); самой давней 10 дн. Список — в детализации.");
        assertThat(state(AlertType.OVERDUE_TASKS, "en", reading).title()).isEqualTo("Анна Петрова has 7 overdue tasks");
        assertThat(state(AlertType.OVERDUE_TASKS, "en", reading).message())
                .isEqualTo("7 overdue tasks (limit 5); the oldest is 10 days old. Open the drill-down for the list.");
        Map<String, BigDecimal> forgotten =
                Map.of("forgottenCards", BigDecimal.valueOf(2), "limit", BigDecimal.ONE, "oldestDays", BigDecimal.ONE);
        reading = new Reading(ANNA, true, false, forgotten, Map.of());
        assertThat(state(AlertType.FORGOTTEN_CARDS, "ru", reading).title())
                .isEqualTo("Анна Петрова: забытых карточек 2");
        assertThat(state(AlertType.FORGOTTEN_CARDS, "en", reading).message())
                .isEqualTo("2 forgotten cards (limit 1); the oldest is 1 days old. Open the drill-down for the list.");
    }

    @Test
    void theTenantWideAlertsAndTheResolutionInRussianAndEnglish() {
        AlertContext ru = context("ru");
        AlertContext en = context("en");
        Map<String, Object> plan = Map.of(
                "month",
                "2026-11",
                "soldToDate",
                new BigDecimal("300000"),
                "currency",
                "RUB",
                "plan",
                new BigDecimal("1000000"),
                "elapsedWorkingDays",
                BigDecimal.TEN,
                "workingDays",
                20,
                "method",
                ru.text("PLAN_AT_RISK.method.weightedPipeline", Map.of()),
                "forecast",
                new BigDecimal("700000"));
        assertThat(ru.text("PLAN_AT_RISK", "title", null, plan)).isEqualTo("Команда: план на 2026-11 под угрозой");
        assertThat(ru.text("PLAN_AT_RISK", "message", null, plan))
                .isEqualTo("Команда: продано на 300000 RUB из 1000000 за 10 из 20 рабочих дн.; по прогнозу "
                        + "(взвешенная воронка) месяц закончится на 700000.");
        Map<String, Object> planEn = new java.util.HashMap<>(plan);
        planEn.put("method", en.text("PLAN_AT_RISK.method.runRate", Map.of()));
        assertThat(en.text("PLAN_AT_RISK", "title", null, planEn))
                .isEqualTo("The team is on course to miss the 2026-11 plan");
        assertThat(en.text("PLAN_AT_RISK", "message", ANNA, planEn))
                .isEqualTo("Анна Петрова has sold 300000 RUB of 1000000 after 10 of 20 working days; by the run-rate "
                        + "forecast the month ends at 700000.");

        Map<String, BigDecimal> drop = Map.of(
                "lastSevenDays",
                BigDecimal.valueOf(6),
                "usualPerWeek",
                new BigDecimal("20.00"),
                "dropPercent",
                new BigDecimal("70.0"),
                "limitPercent",
                BigDecimal.valueOf(40));
        assertThat(ru.text("LEAD_INFLOW_DROP.title", drop)).isEqualTo("Входящий поток лидов на 70.0% ниже обычного");
        assertThat(ru.text("LEAD_INFLOW_DROP.message", drop))
                .isEqualTo(
                        "За последние 7 дней пришло лидов: 6, в обычную неделю — 20.00 (среднее за 4 недели до них); "
                                + "лимит — на 40% ниже. Проверьте источники в метрике входящего потока.");
        assertThat(en.text("LEAD_INFLOW_DROP.title", drop)).isEqualTo("Lead inflow is 70.0% below its usual level");

        assertThat(ru.text("resolved", Map.of("title", "Анна Петрова: забытых карточек 2")))
                .isEqualTo("Снова в норме: Анна Петрова: забытых карточек 2");
        assertThat(en.text("resolved", Map.of("title", "Анна Петрова has 2 forgotten cards")))
                .isEqualTo("Back to normal: Анна Петрова has 2 forgotten cards");
    }

    @Test
    void aTextWhosePlaceholderHasNoValueIsABugNotAHalfFilledText() {
        assertThatThrownBy(() -> context("ru").text("DEALS_ROTTING", "message", ANNA, Map.of("rottingDeals", 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{limit}");
    }

    private record Reading(
            UUID managerId, boolean holds, boolean critical, Map<String, BigDecimal> figures, Map<String, ?> words) {}

    private static ConditionState state(AlertType type, String language, Reading r) {
        ManagerCondition condition = new ManagerCondition() {
            @Override
            public AlertType type() {
                return type;
            }

            @Override
            protected List<ManagerCondition.Reading> read(AlertContext context) {
                return List.of(new ManagerCondition.Reading(
                        r.managerId(), r.holds(), r.critical(), r.figures(), r.words(), "/api/v1/metrics/x"));
            }
        };
        return condition.evaluate(context(language)).get(0);
    }

    private static AlertContext context(String language) {
        WorkCalendar calendar = new WorkCalendar(
                ZoneId.of("Europe/Moscow"),
                "RUB",
                Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                Map.of(),
                language,
                Duration.ofHours(24));
        return new AlertContext(
                "acme", 1, Instant.parse("2026-11-20T09:00:00Z"), calendar, Map.of(), Map.of(ANNA, "Анна Петрова"));
    }

    private static List<String> placeholders(String text) {
        List<String> names = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        Collections.sort(names);
        return names;
    }
}
