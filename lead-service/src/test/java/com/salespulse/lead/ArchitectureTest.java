package com.salespulse.lead;

import com.salespulse.testsupport.HouseRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The house rules on lead-service's production classes: feature packages, no cycles, no other service. */
class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> houseRules() {
        JavaClasses classes = HouseRules.classesOf("lead");
        return HouseRules.of("lead").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> check(rule, classes)));
    }

    private static void check(ArchRule rule, JavaClasses classes) {
        rule.check(classes);
    }
}
