package com.salespulse.notification.message;

import java.util.Map;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.notification.subscription.Language;

/**
 * The few words the service itself says, in Russian and English. Alert titles and messages come from
 * analytics-service in English and are passed through; the framing around them is in the subscriber's language.
 */
final class MessageTexts {

    private static final Map<AlertType, String> TYPE_RU = Map.of(
            AlertType.OVERDUE_TASKS, "Просроченные задачи",
            AlertType.FORGOTTEN_CARDS, "Забытые карточки",
            AlertType.PLAN_AT_RISK, "План под угрозой",
            AlertType.MANAGER_OVER_CAPACITY, "Менеджер перегружен",
            AlertType.DISMISSED_BASE_UNTRANSFERRED, "База уволенного менеджера не передана",
            AlertType.BASE_BURNOUT, "Выгорание базы",
            AlertType.LEAD_INFLOW_DROP, "Падение входящего потока лидов");

    private static final Map<AlertType, String> TYPE_EN = Map.of(
            AlertType.OVERDUE_TASKS, "Overdue tasks",
            AlertType.FORGOTTEN_CARDS, "Forgotten cards",
            AlertType.PLAN_AT_RISK, "Plan at risk",
            AlertType.MANAGER_OVER_CAPACITY, "Manager over capacity",
            AlertType.DISMISSED_BASE_UNTRANSFERRED, "Dismissed manager's base not transferred",
            AlertType.BASE_BURNOUT, "Base burnout",
            AlertType.LEAD_INFLOW_DROP, "Lead inflow drop");

    private MessageTexts() {
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

    static String resolvedSubject(String typeName, Language language) {
        return "[Sales Pulse] " + (language == Language.ru ? "Решено: " : "Resolved: ") + typeName;
    }

    static String digestSubject(String date, int open, Language language) {
        return language == Language.ru
                ? "[Sales Pulse] Сводка за " + date + ": открытых оповещений — " + open
                : "[Sales Pulse] Digest for " + date + ": " + open + " open alerts";
    }
}
