package dev.warden.web;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.warden.core.shared.PermissionDeniedException;

/**
 * How the web module's main classes depend on core and on each other (DESIGN, "Modules": web → core → ports ←
 * persistence). Only main classes: tests may set up data through core's ports. The other web rules, which also
 * look at tests, are in {@link WebArchitectureTest}.
 */
@AnalyzeClasses(packages = "dev.warden", importOptions = ImportOption.DoNotIncludeTests.class)
class WebLayeringTest {

    /** Web asks core's services; only the wiring ({@code dev.warden.web.config}) sees core's repository ports. */
    @ArchTest
    static final ArchRule webUsesCoreServicesNotRepositories = noClasses()
            .that()
            .resideInAPackage("dev.warden.web..")
            .and()
            .resideOutsideOfPackage("dev.warden.web.config..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.warden.core..")
                    .and(simpleNameEndingWith("Repository"))
                    .as("are core repository ports (dev.warden.core..*Repository)"))
            .because("a repository port reads without the checks and the workspace rules of core's services;"
                    + " add a read method to a core service instead");

    /**
     * Who may do what is decided in core (the access policies), never in a controller: only core builds a refusal
     * for a missing permission, and web only asks core's policies (DESIGN, "Delegation").
     */
    @ArchTest
    static final ArchRule onlyCoreRefusesForPermissions = noClasses()
            .that()
            .resideOutsideOfPackage("dev.warden.core..")
            .should()
            .callConstructor(PermissionDeniedException.class, String.class, String.class)
            .orShould()
            .callConstructor(PermissionDeniedException.class, String.class, String.class, String.class)
            .because("permission checks live in core's policies; web asks them");

    /** Web's feature packages depend on each other in one direction only. */
    @ArchTest
    static final ArchRule webFeaturesHaveNoCycles =
            slices().matching("dev.warden.web.(*)..").should().beFreeOfCycles();
}
