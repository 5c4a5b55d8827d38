package com.salespulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.analytics.readmodel.ReadPlans;
import com.salespulse.testsupport.EmbeddedInfra;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the card metrics, base-burnout and the alert evaluation plan each statement for the tenant they read, not
 * once for any tenant ({@code readmodel/ReadPlans}). A statement prepared and run for small tenants again and again —
 * as the alert sweep runs the open cards' statement for every tenant in turn — is still planned for the big tenant's
 * value when the big tenant's turn comes; and the setting ends with the read's transaction, so the ingest's
 * transactions on the same pooled connection keep their own plan mode.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ReadsArePlannedForTheTenantAskedAboutTest {

    @Inject
    EntityManager em;

    @Test
    void aStatementRunForOtherTenantsIsPlannedForTheTenantOfThisRead() {
        List<String> plan = QuarkusTransaction.requiringNew().call(() -> {
            ReadPlans.forTheTenant(em);
            em.createNativeQuery("prepare open_cards_of(text) as select count(*) from open_card "
                            + "where gen = 1 and tenant_id = $1")
                    .executeUpdate();
            // more runs than PostgreSQL's five before it weighs a generic plan
            for (int run = 0; run < 8; run++) {
                em.createNativeQuery("execute open_cards_of('small-" + run + "')")
                        .getResultList();
            }
            @SuppressWarnings("unchecked")
            List<String> lines =
                    em.createNativeQuery("explain execute open_cards_of('big')").getResultList();
            em.createNativeQuery("deallocate open_cards_of").executeUpdate();
            return lines;
        });
        // planned for the value: the tenant is in the plan as a constant, not as the parameter $1
        assertThat(String.join("\n", plan)).contains("'big'").doesNotContain("$1");
    }

    @Test
    void theReadsPlanModeEndsWithItsTransaction() {
        String during = QuarkusTransaction.requiringNew().call(() -> {
            ReadPlans.forTheTenant(em);
            return (String) em.createNativeQuery("select current_setting('plan_cache_mode')")
                    .getSingleResult();
        });
        String after = QuarkusTransaction.requiringNew()
                .call(() -> (String) em.createNativeQuery("select current_setting('plan_cache_mode')")
                        .getSingleResult());
        assertThat(during).isEqualTo("force_custom_plan");
        assertThat(after).isEqualTo("auto");
    }
}
