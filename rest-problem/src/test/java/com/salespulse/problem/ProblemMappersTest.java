package com.salespulse.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The problem bodies of refused JSON: the field by its full path. */
class ProblemMappersTest {

    record Item(String phone) {}

    record Batch(List<Item> items) {}

    private final ObjectMapper reader = ApiJsonReader.strict(new ObjectMapper().registerModule(new JavaTimeModule()));
    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aKeyGivenTwiceInsideAListIsNamedByItsPath() {
        Problem problem = problemFor("{\"items\":[{\"phone\":\"1\"},{\"phone\":\"2\",\"phone\":\"3\"}]}");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.invalidFields())
                .containsExactly(new Problem.InvalidField("items[1].phone", "is given more than once"));
    }

    @Test
    void nulIsNamedWithItsReason() {
        Problem problem = problemFor("{\"items\":[{},{},{\"phone\":\"+7\\u0000\"}]}");
        assertThat(problem.invalidFields())
                .containsExactly(new Problem.InvalidField("items[2].phone", "must not contain the NUL character"));
    }

    @Test
    void aNumberForATextIsNamed() {
        Problem problem = problemFor("{\"items\":[{\"phone\":79120000000}]}");
        assertThat(problem.invalidFields())
                .extracting(Problem.InvalidField::field)
                .containsExactly("items[0].phone");
    }

    @Test
    void aValueTheDatabaseRefusesIsABadRequestNotAServerError() {
        Response response = mappers.unexpected(new IllegalStateException(
                "could not execute statement",
                new java.sql.SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(((Problem) response.getEntity()).detail())
                .doesNotContain("UTF8")
                .doesNotContain("SQL");
    }

    @Test
    void aLostOrRefusedDatabaseConnectionIsUnavailableWithRetryAfter() {
        for (java.sql.SQLException away : List.of(
                new java.sql.SQLException("Connection to localhost:5432 refused", "08001"),
                new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01"),
                new java.sql.SQLException("FATAL: sorry, too many clients already", "53300"),
                new java.sql.SQLException("FATAL: database \"lead\" is not currently accepting connections", "55000"),
                new java.sql.SQLException("Acquisition timeout while waiting for new connection"))) {
            Response response = mappers.unexpected(new IllegalStateException("could not prepare statement", away));
            assertThat(response.getStatus()).as(away.getMessage()).isEqualTo(503);
            assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
            Problem problem = (Problem) response.getEntity();
            assertThat(problem.type()).hasToString("urn:salespulse:problem:unavailable");
            assertThat(problem.detail()).doesNotContain("SQL").doesNotContain("lead");
        }
    }

    @Test
    void aCommitThatLostItsConnectionIsUnavailableAndSaysTheChangeMayBeStored() {
        // the shape the fault suite's T4 and T8b/c logged: Arc's undeclared-throwable wrapper around the transaction
        // manager's rollback exception, the driver's failure suppressed in it under Agroal's XAException
        for (java.sql.SQLException lost : List.of(
                new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01"),
                new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"))) {
            javax.transaction.xa.XAException xa = new javax.transaction.xa.XAException(
                    "Error trying to transactionCommit local transaction: " + lost.getMessage());
            xa.initCause(lost);
            IllegalStateException rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
            rollback.addSuppressed(xa);
            Response response = mappers.unexpected(new RuntimeException(rollback));
            assertThat(response.getStatus()).as(lost.getMessage()).isEqualTo(503);
            assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
            assertThat(((Problem) response.getEntity()).detail())
                    .contains("may or may not have been stored")
                    .contains("read it back")
                    .doesNotContain("nothing was changed");
        }
    }

    @Test
    void aConnectionAttemptThePoolInterruptedIsUnavailableButOtherDriverErrorsAreNot() {
        Response interrupted = mappers.unexpected(new IllegalStateException(
                "could not prepare statement",
                new java.sql.SQLException(
                        "Something unusual has occurred to cause the driver to fail. Please report this exception.",
                        "99999",
                        new RuntimeException("Interrupted while attempting to connect."))));
        assertThat(interrupted.getStatus()).isEqualTo(503);
        assertThat(((Problem) interrupted.getEntity()).detail()).contains("nothing was changed");
        Response other = mappers.unexpected(new java.sql.SQLException(
                "Something unusual has occurred to cause the driver to fail. Please report this exception.",
                "99999",
                new IllegalArgumentException("bad value")));
        assertThat(other.getStatus()).isEqualTo(500);
    }

    @Test
    void aRequestTheDatabaseRefusesIsNoOutageEvenWrappedInAStatelessSqlException() {
        Response conflict = mappers.unexpected(new java.sql.SQLException(
                "batch failed", new java.sql.SQLException("duplicate key value violates unique constraint", "23505")));
        assertThat(conflict.getStatus()).isEqualTo(409);
        Response notFatal = mappers.unexpected(new java.sql.SQLException("cannot lock rows", "55000"));
        assertThat(notFatal.getStatus()).isEqualTo(500);
        assertThat(notFatal.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void aKeyTakenMeanwhileIsAConflict() {
        Response response = mappers.unexpected(new RuntimeException(
                new java.sql.SQLException("duplicate key value violates unique constraint", "23505")));
        assertThat(response.getStatus()).isEqualTo(409);
    }

    @Test
    void anyOtherFailureStaysAServerErrorWithoutDetails() {
        Response response = mappers.unexpected(new NullPointerException("x"));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((Problem) response.getEntity()).detail()).doesNotContain("NullPointer");
    }

    private Problem problemFor(String json) {
        try {
            reader.readValue(json, Batch.class);
        } catch (JsonProcessingException e) {
            Response response = mappers.unreadableJson(e);
            assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
            return (Problem) response.getEntity();
        }
        throw new AssertionError("read " + json);
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
