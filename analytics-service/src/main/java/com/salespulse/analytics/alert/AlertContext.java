package com.salespulse.analytics.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.salespulse.analytics.settings.WorkCalendar;

/** What a condition is evaluated against: the tenant, the live read-model generation, now, its calendar and limits. */
public record AlertContext(String tenant, int gen, Instant now, WorkCalendar calendar, Map<Threshold, BigDecimal> thresholds) {

    public BigDecimal threshold(Threshold threshold) {
        return thresholds.get(threshold);
    }
}
