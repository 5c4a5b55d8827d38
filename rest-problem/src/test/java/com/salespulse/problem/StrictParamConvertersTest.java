package com.salespulse.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed parameters are read exactly or refused with a problem naming the parameter. */
class StrictParamConvertersTest {

    private final StrictParamConverters converters = new StrictParamConverters();

    @Test
    void readsWellFormedValues() {
        assertThat(converter(boolean.class, "archived").fromString("true")).isTrue();
        assertThat(converter(Boolean.class, "archived").fromString("false")).isFalse();
        UUID id = UUID.randomUUID();
        assertThat(converter(UUID.class, "managerId").fromString(id.toString())).isEqualTo(id);
        assertThat(converter(LocalDate.class, "from").fromString("2026-11-01")).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(converter(YearMonth.class, "month").fromString("2100-12")).isEqualTo(YearMonth.of(2100, 12));
        assertThat(converter(DayOfWeek.class, "day").fromString("MONDAY")).isEqualTo(DayOfWeek.MONDAY);
        assertThat(converters.getConverter(String.class, String.class, query("q")))
                .isNull();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "archived, maybe",
        "archived, 1",
        "archived, TRUE",
        "archived, ''",
        "managerId, not-a-uuid",
        "managerId, 1-1-1-1-1",
        "from, 2026-13-01",
        "from, 0001-01-01",
        "from, 2101-01-01",
        "month, 0000-01",
        "month, 2026-1",
        "day, monday"
    })
    void refusesMalformedValuesNamingTheParameter(String name, String value) {
        Class<?> type = switch (name) {
            case "archived" -> boolean.class;
            case "managerId" -> UUID.class;
            case "from" -> LocalDate.class;
            case "month" -> YearMonth.class;
            default -> DayOfWeek.class;
        };
        assertThatThrownBy(() -> converter(type, name).fromString(value))
                .isInstanceOfSatisfying(WebApplicationException.class, e -> {
                    assertThat(e.getResponse().getStatus()).isEqualTo(400);
                    Problem problem = ((ProblemException) e.getCause()).toProblem();
                    assertThat(problem.invalidFields())
                            .extracting(Problem.InvalidField::field)
                            .containsExactly(name);
                });
    }

    @Test
    void aPathIdThatCannotBeReadNamesNoResource() {
        ParamConverter<UUID> converter = converters.getConverter(UUID.class, UUID.class, path("id"));
        assertThatThrownBy(() -> converter.fromString("abc"))
                .isInstanceOfSatisfying(
                        WebApplicationException.class,
                        e -> assertThat(e.getResponse().getStatus()).isEqualTo(404));
    }

    @Test
    void aPathValueThatCannotBeReadIsA400NamingIt() {
        ParamConverter<LocalDate> converter = converters.getConverter(LocalDate.class, LocalDate.class, path("date"));
        assertThatThrownBy(() -> converter.fromString("2026-13-01"))
                .isInstanceOfSatisfying(WebApplicationException.class, e -> {
                    assertThat(e.getResponse().getStatus()).isEqualTo(400);
                    Problem problem = ((ProblemException) e.getCause()).toProblem();
                    assertThat(problem.invalidFields())
                            .extracting(Problem.InvalidField::field)
                            .containsExactly("date");
                });
    }

    private static Annotation[] path(String name) {
        PathParam path = new PathParam() {
            @Override
            public String value() {
                return name;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return PathParam.class;
            }
        };
        return new Annotation[] {path};
    }

    private <T> ParamConverter<T> converter(Class<T> type, String name) {
        return converters.getConverter(type, type, query(name));
    }

    private static Annotation[] query(String name) {
        return new Annotation[] {
            new QueryParam() {
                @Override
                public String value() {
                    return name;
                }

                @Override
                public Class<? extends Annotation> annotationType() {
                    return QueryParam.class;
                }
            }
        };
    }
}
