package com.salespulse.analytics.export;

import com.salespulse.analytics.metric.MetricParams;
import jakarta.enterprise.context.RequestScoped;

/**
 * The table a CSV export holds ({@link MetricParams#table}), checked before the metric is computed: a name that is
 * not one of the metric's tables ({@link MetricTables#names}) is a 400 naming {@code table}, whatever the format asked
 * for. Request-scoped, so the writer reads what this request asked.
 */
@RequestScoped
public class ExportTable {

    private String table = MetricTables.FIGURES;

    /** The checked table name; {@code figures} when none was asked for. */
    public String name() {
        return table;
    }

    /** True when the caller asked for a table by name (the file name then says which). */
    public boolean named() {
        return !MetricTables.FIGURES.equals(table);
    }

    void use(String name) {
        this.table = name;
    }
}
