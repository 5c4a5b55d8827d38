package com.salespulse.analytics.metric.burnout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows split for the monthly rollups (migration V2026_12_27_10): the whole UTC months inside each window, read from
 * the monthly rows, and the rest of the windows (their partial months at the bounds), read from the hourly rows.
 * Together they cover every moment of the windows once.
 *
 * @param months the whole UTC months, as ranges [first month, end) of month starts, none across a window's bound
 * @param edges the rest, as ranges [from, to) of moments, adjacent ones merged
 */
record UtcMonths(List<Range> months, List<Range> edges) {

    /** A range [from, to) of moments. */
    record Range(Instant from, Instant to) {}

    /** The split of the adjacent windows [from, cut) and [cut, to): a month across {@code cut} is an edge. */
    static UtcMonths split(Instant from, Instant cut, Instant to) {
        List<Range> months = new ArrayList<>();
        List<Range> edges = new ArrayList<>();
        for (Range window : List.of(new Range(from, cut), new Range(cut, to))) {
            Instant first = ceiling(window.from());
            Instant end = floor(window.to());
            if (first.isBefore(end)) {
                months.add(new Range(first, end));
                edge(edges, window.from(), first);
                edge(edges, end, window.to());
            } else {
                edge(edges, window.from(), window.to());
            }
        }
        return new UtcMonths(months, edges);
    }

    private static void edge(List<Range> edges, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return;
        }
        Range last = edges.isEmpty() ? null : edges.get(edges.size() - 1);
        if (last != null && last.to().equals(from)) {
            edges.set(edges.size() - 1, new Range(last.from(), to));
        } else {
            edges.add(new Range(from, to));
        }
    }

    /** The start of the UTC month of a moment. */
    static Instant floor(Instant moment) {
        return ZonedDateTime.ofInstant(moment, ZoneOffset.UTC)
                .withDayOfMonth(1)
                .truncatedTo(ChronoUnit.DAYS)
                .toInstant();
    }

    /** The first UTC month start at or after a moment. */
    static Instant ceiling(Instant moment) {
        Instant floor = floor(moment);
        return floor.equals(moment)
                ? moment
                : ZonedDateTime.ofInstant(floor, ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    /** The ranges' starts as a SQL timestamptz array literal. */
    static String froms(List<Range> ranges) {
        return array(ranges.stream().map(Range::from).toList());
    }

    /** The ranges' ends as a SQL timestamptz array literal. */
    static String tos(List<Range> ranges) {
        return array(ranges.stream().map(Range::to).toList());
    }

    private static String array(List<Instant> moments) {
        return "{" + String.join(",", moments.stream().map(Instant::toString).toList()) + "}";
    }
}
