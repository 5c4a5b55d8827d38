package com.salespulse.analytics.export;

import com.salespulse.analytics.metric.MetricAnswer;
import java.lang.reflect.Type;

/** What the CSV and XLSX exports share: the figures' type and the file name. */
final class Exports {

    private Exports() {}

    /** The figures' record type: from the declared answer type, else from the figures themselves. */
    static Class<?> figuresType(MetricAnswer<?> answer, Type genericType) {
        Class<?> declared = MetricTables.figuresType(genericType);
        if (declared != null) {
            return declared;
        }
        if (answer.figures() == null) {
            throw new IllegalStateException("An answer of " + answer.metric() + " without figures or their type");
        }
        return answer.figures().getClass();
    }

    /**
     * {@code attachment; filename="<metric>-<from>-<to>.<ext>"}, with the table's name after the metric's when the
     * CSV holds a table asked for by name ({@code rejected-leads-drillDown-2026-10-01-2026-10-31.csv}).
     */
    static String attachment(MetricAnswer<?> answer, String table, String extension) {
        StringBuilder name = new StringBuilder(answer.metric());
        if (table != null) {
            name.append('-').append(table);
        }
        if (answer.period() != null) {
            name.append('-')
                    .append(answer.period().from())
                    .append('-')
                    .append(answer.period().to());
        }
        return "attachment; filename=\"" + name + "." + extension + "\"";
    }
}
