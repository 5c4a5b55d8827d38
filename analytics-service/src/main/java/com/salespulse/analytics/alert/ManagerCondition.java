package com.salespulse.analytics.alert;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A condition watched per manager (MANAGER_OVER_CAPACITY, DEALS_ROTTING, DISMISSED_BASE_UNTRANSFERRED, OVERDUE_TASKS,
 * FORGOTTEN_CARDS): each manager's reading becomes one state keyed {@code <TYPE>:manager:<id>}, its title and
 * message written in the tenant's language from the type's texts ({@link AlertTexts}: {@code <TYPE>.title},
 * {@code <TYPE>.message}) with {@code {who}}, the reading's figures and its words.
 */
public abstract class ManagerCondition implements AlertCondition {

    /**
     * What a condition read for one manager now.
     *
     * @param figures the numbers behind it, sent with the alert and available to its texts
     * @param words further values the texts name (a date, a rounded percent), not sent as figures
     */
    public record Reading(
            UUID managerId,
            boolean holds,
            boolean critical,
            Map<String, BigDecimal> figures,
            Map<String, ?> words,
            String drillDownPath) {}

    /** Every watched manager's reading at {@code context.now()}, holding or not. */
    protected abstract List<Reading> read(AlertContext context);

    @Override
    public final List<ConditionState> evaluate(AlertContext context) {
        return read(context).stream().map(r -> state(context, r)).toList();
    }

    private ConditionState state(AlertContext context, Reading r) {
        Map<String, Object> args = new HashMap<>(r.figures());
        args.putAll(r.words());
        return new ConditionState(
                type().name() + ":manager:" + r.managerId(),
                r.holds(),
                r.managerId(),
                null,
                r.critical() ? ConditionState.CRITICAL : ConditionState.WARNING,
                context.text(type().name(), "title", r.managerId(), args),
                context.text(type().name(), "message", r.managerId(), args),
                r.figures(),
                r.drillDownPath());
    }
}
