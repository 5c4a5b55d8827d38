package com.salespulse.integration;

import com.salespulse.testsupport.HouseRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The house rules (feature packages without cycles, no other service's code, named consumers) hold here. */
class ArchitectureTest {

    private static final String SERVICE = "integration";

    @TestFactory
    Stream<DynamicTest> followsTheHouseRules() {
        JavaClasses classes = HouseRules.classesOf(SERVICE);
        return HouseRules.of(SERVICE).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
