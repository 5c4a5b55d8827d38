package com.salespulse.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict reader refuses every silent coercion, naming the path Jackson reports. */
class ApiJsonReaderTest {

    record Line(
            String name,
            Integer quantity,
            Long total,
            Boolean gift,
            BigDecimal price,
            Instant at,
            LocalDate due,
            LocalTime start,
            Kind kind) {}

    enum Kind {
        GOODS,
        SERVICE
    }

    record Order(String note, List<Line> lines, List<String> tags) {}

    private final ObjectMapper reader = ApiJsonReader.strict(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void readsWhatIsSentAsSent() throws Exception {
        Order order = reader.readValue("""
                {"note":"rush","tags":["a","b"],"lines":[{"name":"Desk","quantity":2,"total":3,"gift":true,
                 "price":12.5,"at":"2026-11-30T10:00:00Z","due":"2100-12-31","start":"09:00","kind":"GOODS"}]}""", Order.class);
        Line line = order.lines().get(0);
        assertThat(line.quantity()).isEqualTo(2);
        assertThat(line.price()).isEqualByComparingTo("12.5");
        assertThat(line.gift()).isTrue();
        assertThat(line.due()).isEqualTo(LocalDate.of(2100, 12, 31));
        assertThat(reader.readValue("{\"lines\":[{\"price\":12,\"at\":\"1900-01-01T00:00:00Z\"}]}", Order.class)
                        .lines()
                        .get(0)
                        .price())
                .isEqualByComparingTo("12");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a number into a text         | {\"note\":12345}                          | note",
                "a boolean into a text        | {\"note\":true}                           | note",
                "a number into a text in list | {\"tags\":[\"a\",7]}                      | tags[1]",
                "1 into a boolean             | {\"lines\":[{\"gift\":1}]}                | lines[0].gift",
                "\"true\" into a boolean      | {\"lines\":[{\"gift\":\"true\"}]}         | lines[0].gift",
                "a fraction into an int       | {\"lines\":[{\"quantity\":1.5}]}          | lines[0].quantity",
                "a fraction into a long       | {\"lines\":[{},{\"total\":2.5}]}          | lines[1].total",
                "\"12\" into an int           | {\"lines\":[{\"quantity\":\"12\"}]}       | lines[0].quantity",
                "\"12.5\" into a decimal      | {\"lines\":[{\"price\":\"12.5\"}]}        | lines[0].price",
                "a number into an instant     | {\"lines\":[{\"at\":12345}]}              | lines[0].at",
                "a number into a date         | {\"lines\":[{\"due\":20261130}]}          | lines[0].due",
                "an array into a date         | {\"lines\":[{\"due\":[2026,11,30]}]}      | lines[0].due",
                "a number into a time         | {\"lines\":[{\"start\":900}]}             | lines[0].start",
                "a number into an enum        | {\"lines\":[{\"kind\":0}]}                | lines[0].kind",
                "year 1 date                  | {\"lines\":[{\"due\":\"0001-01-01\"}]}    | lines[0].due",
                "year 9999 date               | {\"lines\":[{\"due\":\"9999-12-31\"}]}    | lines[0].due",
                "year 1899 instant            | {\"lines\":[{\"at\":\"1899-12-31T23:59:59Z\"}]}   | lines[0].at",
                "year +10000 instant          | {\"lines\":[{\"at\":\"+10000-01-01T00:00:00Z\"}]} | lines[0].at",
                "NUL in a text                | {\"note\":\"a\\u0000b\"}                  | note",
                "NUL in a list of texts       | {\"tags\":[\"ok\",\"\\u0000\"]}           | tags[1]",
                "NUL in a nested text         | {\"lines\":[{},{\"name\":\"x\\u0000\"}]}  | lines[1].name"
            })
    void refusesAndNamesThePath(String what, String json, String path) {
        assertThatThrownBy(() -> reader.readValue(json, Order.class))
                .isInstanceOf(JsonMappingException.class)
                .satisfies(e -> assertThat(ProblemMappersTest.pathOf((JsonMappingException) e))
                        .isEqualTo(path));
    }

    @Test
    void refusesAKeyGivenTwice() {
        assertThatThrownBy(() -> reader.readValue("{\"note\":\"a\",\"note\":\"b\"}", Order.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'note'");
    }

    @Test
    void leavesTheMapperItWasGivenAlone() throws Exception {
        ObjectMapper application = new ObjectMapper().registerModule(new JavaTimeModule());
        ApiJsonReader.strict(application.copy());
        assertThat(application.readValue("{\"note\":12345}", Order.class).note())
                .isEqualTo("12345");
    }
}
