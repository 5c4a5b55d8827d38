package com.salespulse.deal;

import com.salespulse.testsupport.HouseRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * deal-service keeps the house rules (test-support's {@link HouseRules}): no package cycles, no imports of another
 * service, feature packages only, consumers named after their topic. One test per rule, so a failure names it.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = HouseRules.classesOf("deal");

    @TestFactory
    Stream<DynamicTest> dealServiceKeepsTheHouseRules() {
        return HouseRules.of("deal").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> check(rule)));
    }

    private static void check(ArchRule rule) {
        rule.check(CLASSES);
    }
}
