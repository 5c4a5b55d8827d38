package com.salespulse.analytics;

import com.salespulse.testsupport.HouseRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The house rules (no package cycles, no other service, no layer packages, consumers named for their topic). */
class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> theHouseRulesHold() {
        JavaClasses classes = HouseRules.classesOf("analytics");
        return HouseRules.of("analytics").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
