package com.salespulse.analytics.metric;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * Mean and median as the deal metrics report them: two decimals, half up; null for no values. The figures come from
 * the database as aggregates ({@link #MEDIAN_BOUNDS}); only the last exact step, the division, is taken here.
 */
public final class Stats {

    private Stats() {}

    /** The array of both middle values of {@code %1$s}: {@link #MEDIAN_BOUNDS}' one aggregate. */
    private static final String MIDDLES = "(percentile_disc(array[0.5, 0.5000000001]) within group (order by %1$s))";

    /**
     * SQL for the two middle values of {@code %1$s} (nulls left out), the lower and the upper one: the same value for
     * an odd count. Exact on numeric, where {@code percentile_cont} would go through double precision.
     * <p>
     * Both from one sort: {@code percentile_disc} of n values at fraction f is the value at position ceil(f·n), so
     * 0.5 gives the lower middle (position n/2 of an even count, (n+1)/2 of an odd one) and 0.5 + 1e-10 the upper one
     * (n/2 + 1; the same (n+1)/2 of an odd count), exact for fewer than 5·10⁹ values. The two columns are one
     * aggregate written twice, which PostgreSQL computes once. Before, a second {@code percentile_disc(0.5)} over the
     * descending order sorted every group's values again.
     */
    public static final String MEDIAN_BOUNDS = "%1$s[1], %1$s[2]".formatted(MIDDLES);

    /** {@link #MEDIAN_BOUNDS} of an expression. */
    public static String medianBounds(String expression) {
        return MEDIAN_BOUNDS.formatted(expression);
    }

    /** One of {@link #MEDIAN_BOUNDS}' two columns: the lower middle ({@code 1}) or the upper one ({@code 2}). */
    public static String middle(String expression, int which) {
        if (which != 1 && which != 2) {
            throw new IllegalArgumentException("The middle values are the lower (1) and the upper (2), not " + which);
        }
        return MIDDLES.formatted(expression) + "[" + which + "]";
    }

    public static BigDecimal sum(Collection<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** sum / count, two decimals; null for no values. */
    public static BigDecimal mean(BigDecimal sum, long count) {
        if (count == 0) {
            return null;
        }
        return sum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    /** The middle value from its two bounds: the mean of the two middle values for an even count; null for none. */
    public static BigDecimal median(BigDecimal lower, BigDecimal upper) {
        if (lower == null || upper == null) {
            return null;
        }
        return lower.add(upper).divide(BigDecimal.valueOf(2)).setScale(2, RoundingMode.HALF_UP);
    }

    /** A column of an aggregate row as a number (null stays null; whole-number columns become BigDecimal). */
    public static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    /** A sum column: zero when there was nothing to sum. */
    public static BigDecimal total(Object value) {
        BigDecimal total = decimal(value);
        return total == null ? BigDecimal.ZERO : total;
    }

    public static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    /** part / whole to four decimals; zero when whole is zero. */
    public static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? BigDecimal.ZERO.setScale(4) : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    public static BigDecimal share(long part, long whole) {
        return share(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }
}
