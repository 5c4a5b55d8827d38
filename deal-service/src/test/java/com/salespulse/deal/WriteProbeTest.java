package com.salespulse.deal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.messaging.outbox.OutboxEventRepository;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.TestTenants;
import com.salespulse.testsupport.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The write-path reference: an ops call writes one row; nobody else may call it. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class WriteProbeTest {

    @Test
    void anOpsCallWritesOneProbeRow() {
        String tenant = TestTenants.fresh();
        String opsOfTenant = TestTokens.withClaims(Map.of("tenant", tenant, "groups", Set.of("ops")));

        given().auth()
                .oauth2(opsOfTenant)
                .when()
                .post("/api/v1/ops/write-probe")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestTokens.ops())
                .when()
                .post("/api/v1/ops/write-probe")
                .then()
                .statusCode(204);

        assertThat(probeRows(tenant)).isEqualTo(1);
    }

    @Test
    void onlyOpsMayWriteAProbe() {
        String tenant = TestTenants.fresh();

        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .post("/api/v1/ops/write-probe")
                .then()
                .statusCode(403);
        given().when().post("/api/v1/ops/write-probe").then().statusCode(401);

        assertThat(probeRows(tenant)).isZero();
    }

    private static long probeRows(String tenant) {
        var entityManager =
                Arc.container().instance(OutboxEventRepository.class).get().getEntityManager();
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager
                                .createNativeQuery("select count(*) from write_probe where tenant_id = ?1")
                                .setParameter(1, tenant)
                                .getSingleResult())
                        .longValue());
    }
}
