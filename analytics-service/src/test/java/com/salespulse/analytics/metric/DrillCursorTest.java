package com.salespulse.analytics.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.problem.ProblemException;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A drill-down's cursor as the CSV export writes it: one in 64 starts with {@code -} and gets an apostrophe there. */
class DrillCursorTest {

    private static final String SCOPE = "average-check|about|2026-11";

    /** The cursor after a row keyed by the first seeded id whose cursor starts with '-' (deterministic). */
    private static final List<Object> ROW = LongStream.range(0, 10_000)
            .mapToObj(n -> List.<Object>of(new UUID(20261206L, n)))
            .filter(values -> DrillCursor.encode(SCOPE, values).startsWith("-"))
            .findFirst()
            .orElseThrow();

    @Test
    void aCursorCopiedFromTheCsvExportWithItsApostropheLeadsToTheSamePage() {
        String cursor = DrillCursor.encode(SCOPE, ROW);

        assertThat(DrillCursor.decode(cursor, SCOPE, 1)).isEqualTo(ROW);
        assertThat(DrillCursor.decode("'" + cursor, SCOPE, 1)).isEqualTo(ROW);
    }

    @Test
    void anApostropheDoesNotMakeAnotherQuerysCursorPass() {
        String cursor = DrillCursor.encode(SCOPE, ROW);

        assertThatThrownBy(() -> DrillCursor.decode("'" + cursor, SCOPE + "|sort=amount", 1))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> DrillCursor.decode("''" + cursor, SCOPE, 1)).isInstanceOf(ProblemException.class);
    }
}
