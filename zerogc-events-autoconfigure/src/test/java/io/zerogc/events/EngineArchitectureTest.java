package io.zerogc.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The engine packages stay free of Spring, so the core can be built, tested and benchmarked alone, and
 * the packages free of cycles among themselves; the public API package stays free of the engine and the glue, so users
 * never need an internal type; the endpoint and the meters are reached only through their own
 * auto-configurations, so the starter works without actuator or Micrometer.
 */
class EngineArchitectureTest {

    private static final String[] ENGINE = {"io.zerogc.events.dispatch..", "io.zerogc.events.ring..",
            "io.zerogc.events.stats..", "io.zerogc.events.pool..", "io.zerogc.events.util.."};
    private static final String ACTUATE = "io.zerogc.events.autoconfigure.actuate..";
    private static final String METRICS = "io.zerogc.events.autoconfigure.metrics..";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zerogc.events");

    /**
     * The one exception is ASM as spring-core repackages it ({@code org.springframework.asm}): a
     * self-contained bytecode library every Spring application has, which generates the dispatchers. It
     * brings no Spring container, context or configuration into the engine.
     */
    @Test
    void engineDoesNotDependOnSpringEvenTransitivelyButForItsRepackagedAsm() {
        ArchRule rule = noClasses().that().resideInAnyPackage(ENGINE)
                .should().transitivelyDependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.springframework..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.springframework.asm.."))));
        rule.check(classes);
    }

    @Test
    void engineDoesNotDependOnTheSpringGlue() {
        ArchRule rule = noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("io.zerogc.events.autoconfigure..");
        rule.check(classes);
    }

    @Test
    void thePublicApiNeedsNoInternalType() {
        ArchRule rule = noClasses().that().resideInAPackage("io.zerogc.events")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE)
                .orShould().dependOnClassesThat().resideInAPackage("io.zerogc.events.autoconfigure..");
        rule.check(classes);
    }

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        // One slice per package below io.zerogc.events (the glue's subpackages are one slice with it).
        ArchRule rule = SlicesRuleDefinition.slices().matching("io.zerogc.events.(*)..").should().beFreeOfCycles();
        rule.check(classes);
    }

    @Test
    void theEndpointIsUsedOnlyByItsAutoConfiguration() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(ACTUATE)
                .should().dependOnClassesThat().resideInAPackage(ACTUATE);
        rule.check(classes);
    }

    @Test
    void theMetersAreUsedOnlyByTheirAutoConfiguration() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(METRICS)
                .should().dependOnClassesThat().resideInAPackage(METRICS);
        rule.check(classes);
    }
}
