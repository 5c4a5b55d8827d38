package com.salespulse.problem.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ?sort= reads a field of the list's allow-list, - for descending, or is refused naming sort. */
class SortOrderTest {

    private static final List<String> FIELDS = List.of("name", "createdAt");
    private static final MultivaluedMap<String, String> NONE = new MultivaluedHashMap<>();

    @Test
    void givenEmptyIsRefusedNotTheDefault() {
        MultivaluedMap<String, String> empty = new MultivaluedHashMap<>();
        empty.add("sort", "");
        assertThatThrownBy(() -> SortOrder.parse(null, empty, "name", FIELDS)).isInstanceOf(ProblemException.class);
    }

    @Test
    void readsAscendingDescendingAndTheDefault() {
        assertThat(SortOrder.parse("name", NONE, "-createdAt", FIELDS)).isEqualTo(new SortOrder("name", false));
        assertThat(SortOrder.parse("-name", NONE, "-createdAt", FIELDS)).isEqualTo(new SortOrder("name", true));
        assertThat(SortOrder.parse(null, NONE, "-createdAt", FIELDS)).isEqualTo(new SortOrder("createdAt", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "--name", "Name", "id", "name,createdAt", " name"})
    void refusesAnythingElseNamingSort(String text) {
        assertThatThrownBy(() -> SortOrder.parse(text, NONE, "name", FIELDS))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.toProblem().invalidFields())
                                .singleElement()
                                .satisfies(f -> {
                                    assertThat(f.field()).isEqualTo("sort");
                                    assertThat(f.message()).contains("name, createdAt");
                                }));
    }
}
