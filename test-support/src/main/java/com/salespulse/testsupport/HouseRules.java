package com.salespulse.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;

/**
 * The house rules every service's architecture test checks on its production classes (../shared/STYLE.md, "This
 * codebase"; docs/architecture.md, "Code layout"):
 *
 * <ol>
 *   <li>no cycles between the service's packages (its root package, which holds the service's main feature, counts
 *       as one);
 *   <li>no imports of another service: services share only the shared modules and the event contract;
 *   <li>feature packages, no layer packages ({@code rest}, {@code service}, {@code dto}, ...);
 *   <li>a Kafka consumer is a class named {@code <Topic>Consumer}.
 * </ol>
 */
public final class HouseRules {

    /** The root package of every service; the shared modules live beside them under {@code com.salespulse}. */
    static final List<String> SERVICES = List.of("lead", "deal", "analytics", "notification", "integration");

    private static final String[] LAYER_PACKAGES = {
        "rest", "resource", "resources", "service", "services", "dto", "dtos", "model", "entity", "entities", "util"
    };

    private HouseRules() {}

    /** The production classes of the service with root package {@code com.salespulse.<service>}. */
    public static JavaClasses classesOf(String service) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root(service));
    }

    /** Every rule, as one list, for a service's test to check. */
    public static List<ArchRule> of(String service) {
        return List.of(noPackageCycles(service), noOtherService(service), noLayerPackages(service), consumersNamed());
    }

    /** Checks every rule on the service's production classes; the error lists every violation. */
    public static void check(String service) {
        JavaClasses classes = classesOf(service);
        for (ArchRule rule : of(service)) {
            rule.check(classes);
        }
    }

    static ArchRule noPackageCycles(String service) {
        String root = root(service);
        SliceAssignment featureOf = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(root)) {
                    return SliceIdentifier.of("(root)");
                }
                if (name.startsWith(root + ".")) {
                    String rest = name.substring(root.length() + 1);
                    int dot = rest.indexOf('.');
                    return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the feature packages of " + root;
            }
        };
        return slices().assignedFrom(featureOf)
                .should()
                .beFreeOfCycles()
                .because("a feature package may use another only if that one does not use it back");
    }

    static ArchRule noOtherService(String service) {
        String[] others = SERVICES.stream()
                .filter(other -> !other.equals(service))
                .map(other -> root(other) + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(root(service) + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services share only the event contract and the shared modules, never each other's code");
    }

    static ArchRule noLayerPackages(String service) {
        String[] layers = java.util.Arrays.stream(LAYER_PACKAGES)
                .map(layer -> root(service) + ".." + layer + "..")
                .toArray(String[]::new);
        return noClasses()
                .should()
                .resideInAnyPackage(layers)
                .because("a service is split by feature (XResource, XService, X, XRepository, XApi together), "
                        + "not by layer");
    }

    static ArchRule consumersNamed() {
        return methods()
                .that()
                .areAnnotatedWith("org.eclipse.microprofile.reactive.messaging.Incoming")
                .should()
                .beDeclaredInClassesThat()
                .haveSimpleNameEndingWith("Consumer")
                .because("a Kafka consumer is named after its topic: <Topic>Consumer")
                .allowEmptyShould(true);
    }

    private static String root(String service) {
        return "com.salespulse." + service;
    }
}
