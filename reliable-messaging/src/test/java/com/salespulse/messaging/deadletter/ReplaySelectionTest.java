package com.salespulse.messaging.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySelectionTest {

    private static final List<DeadLetterApi.DeadLetter> PARKED =
            List.of(parked(0, 3, "a"), parked(0, 4, "b"), parked(0, 5, "c"), parked(1, 4, "d"), parked(1, 9, null));

    @Test
    void allTakesEveryParkedRecord() {
        assertThat(select(new DeadLetterApi.ReplayRequest(true, null, null, null, null)))
                .containsExactly("a", "b", "c", "d", null);
    }

    @Test
    void criteriaMustAllMatch() {
        assertThat(select(new DeadLetterApi.ReplayRequest(null, null, 4L, 5L, null)))
                .containsExactly("b", "c", "d");
        assertThat(select(new DeadLetterApi.ReplayRequest(null, 0, 4L, null, null)))
                .containsExactly("b", "c");
        assertThat(select(new DeadLetterApi.ReplayRequest(null, null, null, null, List.of("d", "a"))))
                .containsExactly("a", "d");
        assertThat(select(new DeadLetterApi.ReplayRequest(null, 1, null, null, List.of("a"))))
                .isEmpty();
    }

    @Test
    void aRequestThatSaysNeitherAllNorWhichIsRefusedNamingAll() {
        assertRefused(null, "all");
        assertRefused(new DeadLetterApi.ReplayRequest(null, null, null, null, null), "all");
        assertRefused(new DeadLetterApi.ReplayRequest(false, null, null, null, null), "all");
        assertRefused(new DeadLetterApi.ReplayRequest(true, 0, null, null, null), "all");
    }

    @Test
    void badValuesAreRefusedNamingTheirField() {
        assertRefused(new DeadLetterApi.ReplayRequest(null, -1, null, null, null), "partition");
        assertRefused(new DeadLetterApi.ReplayRequest(null, null, -1L, null, null), "fromOffset");
        assertRefused(new DeadLetterApi.ReplayRequest(null, null, null, -2L, null), "toOffset");
        assertRefused(new DeadLetterApi.ReplayRequest(null, null, 5L, 4L, null), "toOffset");
        assertRefused(new DeadLetterApi.ReplayRequest(null, null, null, null, List.of()), "eventIds");
    }

    private static List<String> select(DeadLetterApi.ReplayRequest request) {
        return ReplaySelection.of(request).of(PARKED).stream()
                .map(DeadLetterApi.DeadLetter::eventId)
                .toList();
    }

    private static void assertRefused(DeadLetterApi.ReplayRequest request, String field) {
        assertThatThrownBy(() -> ReplaySelection.of(request))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.toProblem().invalidFields())
                                .extracting(f -> f.field())
                                .containsExactly(field));
    }

    private static DeadLetterApi.DeadLetter parked(int partition, long offset, String eventId) {
        return new DeadLetterApi.DeadLetter(
                partition,
                offset,
                "salespulse.lead.events",
                0,
                offset,
                "key",
                eventId,
                "salespulse.lead.converted",
                "refused",
                "java.lang.IllegalStateException",
                Instant.EPOCH,
                null,
                null,
                0);
    }
}
