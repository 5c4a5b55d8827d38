package com.salespulse.analytics.metric.dismissed;

import com.salespulse.problem.ProblemException;
import java.util.Locale;
import java.util.UUID;

/**
 * Which figure of metric 12 the drill-down lists: the open cards still owned by dismissed managers, or the cards of
 * one transfer's cohort or of the baseline, all of them or those of one outcome.
 *
 * @param kind       which list
 * @param transferId the cohort's transfer, with {@link Kind#TRANSFER} only
 * @param outcome    which of the cohort's or baseline's cards; {@link Outcome#ALL} for {@link Kind#STILL_OWNED}
 */
public record DismissedDrill(Kind kind, UUID transferId, Outcome outcome) {

    public static final DismissedDrill STILL_OWNED = new DismissedDrill(Kind.STILL_OWNED, null, Outcome.ALL);

    public enum Kind {
        STILL_OWNED("openCardsStillOwned"),
        TRANSFER("transfer"),
        BASELINE("baseline");

        final String param;

        Kind(String param) {
            this.param = param;
        }
    }

    /**
     * A figure of a cohort or of the baseline, as the condition a card of it meets. The figures count with these
     * conditions and the drill-down lists with them, so a figure and its cards cannot disagree. In the conditions,
     * {@code c} is one card: {@code since} (moved or came in), {@code first_touched_at}, {@code state}.
     */
    public enum Outcome {
        ALL("all", "cards", "true"),
        TOUCHED(
                "touched",
                "touched",
                "c.first_touched_at is not null and c.first_touched_at < c.since + make_interval(days => :touchDays)"),
        WON("won", "won", "c.state = 'WON'"),
        LOST("lost", "lost", "c.state = 'LOST'"),
        IDLE("idle", "stillIdle", "c.state = 'OPEN' and c.first_touched_at is null");

        final String param;
        /** The figure's field in {@link DismissedFigures.Cohort}. */
        final String figure;

        final String condition;

        Outcome(String param, String figure, String condition) {
            this.param = param;
            this.figure = figure;
            this.condition = condition;
        }
    }

    /** Reads the query parameters; a bad or contradictory value is a 400 naming it. */
    public static DismissedDrill parse(String drill, UUID transfer, String outcome) {
        Kind kind = Kind.STILL_OWNED;
        if (!blank(drill)) {
            kind = find(
                    Kind.values(), k -> k.param, drill, "figure", "must be openCardsStillOwned, transfer or baseline");
        }
        Outcome which = Outcome.ALL;
        if (!blank(outcome)) {
            which = find(Outcome.values(), o -> o.param, outcome, "outcome", "must be all, touched, won, lost or idle");
        }
        if (kind == Kind.TRANSFER && transfer == null) {
            throw ProblemException.invalidField("transferId", "is required with figure=transfer");
        }
        if (kind != Kind.TRANSFER && transfer != null) {
            throw ProblemException.invalidField("transferId", "applies only with figure=transfer");
        }
        if (kind == Kind.STILL_OWNED && which != Outcome.ALL) {
            throw ProblemException.invalidField("outcome", "applies only with figure=transfer or figure=baseline");
        }
        return new DismissedDrill(kind, transfer, which);
    }

    /** The figure these cards are behind: {@code openCardsStillOwned}, {@code transfer:<id>:won}, {@code baseline:cards}. */
    public String figure() {
        return switch (kind) {
            case STILL_OWNED -> "openCardsStillOwned";
            case TRANSFER -> "transfer:" + transferId + ":" + outcome.figure;
            case BASELINE -> "baseline:" + outcome.figure;
        };
    }

    private static <T> T find(
            T[] values, java.util.function.Function<T, String> param, String given, String name, String message) {
        String wanted = given.trim().toLowerCase(Locale.ROOT);
        for (T value : values) {
            if (param.apply(value).toLowerCase(Locale.ROOT).equals(wanted)) {
                return value;
            }
        }
        throw ProblemException.invalidField(name, message);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
