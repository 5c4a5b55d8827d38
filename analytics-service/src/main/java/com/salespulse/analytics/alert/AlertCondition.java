package com.salespulse.analytics.alert;

import com.salespulse.contract.alert.AlertType;
import java.util.List;

/**
 * One watched condition: what is true now for a tenant. A CDI bean implementing this is picked up by
 * {@link AlertEngine}; it raises an alert for each instance that holds and has none open, and resolves open alerts of
 * {@link #type()} whose instance no longer holds (or is no longer watched). PLAN_AT_RISK and BASE_BURNOUT plug in here (part B's metrics).
 */
public interface AlertCondition {

    AlertType type();

    /** Every watched instance of the condition at {@code context.now()}, holding or not; keys start with the type's name. */
    List<ConditionState> evaluate(AlertContext context);
}
