package com.salespulse.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job left RUNNING by a process that died: what it committed is all that is left in the database (rows 1 and 2
 * applied, row 3 sent but its answer never recorded). The worker continues from the first unapplied row: rows 1
 * and 2 are never sent again, row 3 (in flight at the crash) is sent once more, which changes nothing at its owner
 * because every row is an idempotent upsert by reference.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
@WithTestResource(OwnerStubs.class)
class ImportResumeTest {

    private static final String TENANT = "import-resume";

    @Inject
    DataSource database;

    @BeforeEach
    void ownersAnswerLikeOwners() {
        OwnerStub.LEAD.reset();
        OwnerStub.DEAL.reset();
    }

    @Test
    void aJobLeftRunningByADeadProcessContinuesFromItsFirstUnappliedRowAndSendsNoAppliedRowAgain() throws SQLException {
        UUID id = UUID.randomUUID();
        Instant started = Instant.now().minusSeconds(60);
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement job = connection.prepareStatement("""
                    insert into import_job (id, tenant_id, created_by, format, dry_run, status, total_rows,
                        applied_rows, failed_rows, created_at, started_at)
                    values (?, ?, 'crm-integration', 'ndjson', false, 'RUNNING', 5, 2, 0, ?, ?)""")) {
                job.setObject(1, id);
                job.setString(2, TENANT);
                job.setTimestamp(3, Timestamp.from(started));
                job.setTimestamp(4, Timestamp.from(started));
                job.executeUpdate();
            }
            try (PreparedStatement row = connection.prepareStatement("""
                    insert into import_row (job_id, row_number, kind, external_system, external_id, body, outcome)
                    values (?, ?, 'lead', 'amocrm', ?, ?, ?)""")) {
                for (int n = 1; n <= 5; n++) {
                    row.setObject(1, id);
                    row.setInt(2, n);
                    row.setString(3, "L" + n);
                    row.setString(
                            4,
                            "{\"recordType\":\"lead\",\"externalSystem\":\"amocrm\",\"externalId\":\"L" + n
                                    + "\",\"source\":\"website\"}");
                    row.setString(5, n <= 2 ? "APPLIED" : null);
                    row.addBatch();
                }
                row.executeBatch();
            }
            connection.commit();
        }
        String integrator = TestTokens.integrator(TENANT);

        JsonPath job = Imports.awaitEnd(integrator, id.toString());

        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getInt("applied")).isEqualTo(5);
        assertThat(job.getInt("failed")).isZero();
        assertThat(OwnerStub.LEAD.calls())
                .extracting(OwnerStub.Call::externalId)
                .containsExactly("L3", "L4", "L5");
        assertThat(OwnerStub.LEAD.calls().get(0).token().path("sub").asText()).isEqualTo("crm-integration");
    }
}
