package com.salespulse.notification.message;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.notification.subscription.Language;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words the service itself says, in Russian and English: the framing of every message and the headline of an
 * alert, written here from the alert's type, figures and the manager's name. The detailed message comes from
 * analytics-service in English and is passed through with the manager's id replaced by their name: a person never
 * reads a raw UUID.
 */
final class MessageTexts {

    private static final Map<AlertType, String> TYPE_RU = Map.of(
            AlertType.OVERDUE_TASKS, "Просроченные задачи",
            AlertType.FORGOTTEN_CARDS, "Забытые карточки",
            AlertType.PLAN_AT_RISK, "План под угрозой",
            AlertType.MANAGER_OVER_CAPACITY, "Менеджер перегружен",
            AlertType.DISMISSED_BASE_UNTRANSFERRED, "База уволенного менеджера не передана",
            AlertType.BASE_BURNOUT, "Выгорание базы",
            AlertType.LEAD_INFLOW_DROP, "Падение входящего потока лидов",
            AlertType.DEALS_ROTTING, "Сделки застряли на этапе");

    private static final Map<AlertType, String> TYPE_EN = Map.of(
            AlertType.OVERDUE_TASKS, "Overdue tasks",
            AlertType.FORGOTTEN_CARDS, "Forgotten cards",
            AlertType.PLAN_AT_RISK, "Plan at risk",
            AlertType.MANAGER_OVER_CAPACITY, "Manager over capacity",
            AlertType.DISMISSED_BASE_UNTRANSFERRED, "Dismissed manager's base not transferred",
            AlertType.BASE_BURNOUT, "Base burnout",
            AlertType.LEAD_INFLOW_DROP, "Lead inflow drop",
            AlertType.DEALS_ROTTING, "Rotting deals");

    /** Headlines by type: {who} is the manager (or the team), the other placeholders are figures of the alert. */
    private static final Map<AlertType, String> HEADLINE_EN = Map.of(
            AlertType.OVERDUE_TASKS,
            "{who} has {overdueTasks} overdue tasks (limit {limit})",
            AlertType.FORGOTTEN_CARDS,
            "{who} has {forgottenCards} forgotten cards (limit {limit})",
            AlertType.PLAN_AT_RISK,
            "{who} is on course to miss the month's plan",
            AlertType.MANAGER_OVER_CAPACITY,
            "{who} holds {openCards} open cards against a capacity of {capacity}",
            AlertType.DISMISSED_BASE_UNTRANSFERRED,
            "{who} left {daysSinceDismissal} days ago and still owns {openCards} open cards",
            AlertType.BASE_BURNOUT,
            "{who} may be burning out the client base (index {index}, limit {limit})",
            AlertType.LEAD_INFLOW_DROP,
            "Lead inflow is {dropPercent}% below its usual level",
            AlertType.DEALS_ROTTING,
            "{who} has {rottingDeals} deals stuck in their stage past its usual time (limit {limit})");

    private static final Map<AlertType, String> HEADLINE_RU = Map.of(
            AlertType.OVERDUE_TASKS,
            "{who}: просроченных задач {overdueTasks} (лимит {limit})",
            AlertType.FORGOTTEN_CARDS,
            "{who}: забытых карточек {forgottenCards} (лимит {limit})",
            AlertType.PLAN_AT_RISK,
            "{who}: план месяца под угрозой",
            AlertType.MANAGER_OVER_CAPACITY,
            "{who}: открытых карточек {openCards} при ёмкости {capacity}",
            AlertType.DISMISSED_BASE_UNTRANSFERRED,
            "{who}: открытых карточек {openCards} не передано через {daysSinceDismissal} дн. после увольнения",
            AlertType.BASE_BURNOUT,
            "{who}: признаки выгорания клиентской базы (индекс {index}, лимит {limit})",
            AlertType.LEAD_INFLOW_DROP,
            "Входящий поток лидов на {dropPercent}% ниже обычного",
            AlertType.DEALS_ROTTING,
            "{who}: сделок, застрявших на этапе дольше обычного, {rottingDeals} (лимит {limit})");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern ANY_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MessageTexts() {}

    /**
     * Who an alert is about, as a person reads it: the manager's name when known; otherwise a neutral word (the
     * team, for an alert about no manager).
     */
    static String who(UUID managerId, String managerName, Language language) {
        if (managerName != null && !managerName.isBlank()) {
            return managerName;
        }
        if (managerId == null) {
            return language == Language.ru ? "Команда" : "The team";
        }
        return language == Language.ru ? "Менеджер" : "A manager";
    }

    /**
     * The alert's one-line headline in the subscriber's language; when a figure it needs is missing, the type's name
     * and who it is about.
     */
    static String headline(AlertType type, Map<String, BigDecimal> figures, String who, Language language) {
        String pattern = (language == Language.ru ? HEADLINE_RU : HEADLINE_EN).get(type);
        StringBuilder out = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = name.equals("who")
                    ? who
                    : figures.get(name) == null
                            ? null
                            : figures.get(name).stripTrailingZeros().toPlainString();
            if (value == null) {
                return typeName(type, language) + ": " + who;
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /**
     * A text from analytics-service (English) with the manager's id replaced by their name, or by a neutral word;
     * any other id left in it is cut out too.
     */
    static String withoutIds(String text, UUID managerId, String managerName) {
        if (text == null) {
            return "";
        }
        String result = text;
        if (managerId != null) {
            String name = managerName == null || managerName.isBlank() ? null : managerName;
            result = result.replace("Manager " + managerId, name == null ? "A manager" : name)
                    .replace("manager " + managerId, name == null ? "a manager" : name)
                    .replace(managerId.toString(), name == null ? "a manager" : name);
        }
        return ANY_UUID.matcher(result).replaceAll("(…)");
    }

    static String typeName(AlertType type, Language language) {
        return (language == Language.ru ? TYPE_RU : TYPE_EN).get(type);
    }

    static String severity(String severity, Language language) {
        if (language == Language.en) {
            return "CRITICAL".equals(severity) ? "Critical" : "Warning";
        }
        return "CRITICAL".equals(severity) ? "Критично" : "Внимание";
    }

    static String raisedSubject(String severity, String typeName, String title, Language language) {
        return "[Sales Pulse] " + severity + ": " + typeName + " — " + title;
    }

    static String resolvedSubject(String typeName, String who, Language language) {
        return "[Sales Pulse] " + (language == Language.ru ? "Решено: " : "Resolved: ") + typeName
                + (who == null ? "" : " — " + who);
    }

    static String digestSubject(String date, int open, Language language) {
        return language == Language.ru
                ? "[Sales Pulse] Сводка за " + date + ": открытых оповещений — " + open
                : "[Sales Pulse] Digest for " + date + ": " + open + " open alerts";
    }
}
