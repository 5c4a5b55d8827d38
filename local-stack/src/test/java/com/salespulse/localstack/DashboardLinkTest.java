package com.salespulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardLinkTest {

    @Test
    void theLinkCarriesTheTokenInTheFragmentSoNoServerLogSeesIt() {
        assertThat(LocalStack.dashboardLink("http://localhost:8083", "eyJ.a.b"))
                .isEqualTo("http://localhost:8083/dashboard/#token=eyJ.a.b");
    }
}
