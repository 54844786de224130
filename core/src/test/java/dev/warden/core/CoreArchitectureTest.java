package dev.warden.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Core is the domain in plain Java (DESIGN, "Modules"): no framework, no JDBC, and features without cycles. */
@AnalyzeClasses(packages = "dev.warden.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreStaysFrameworkFree = noClasses()
            .that()
            .resideInAPackage("dev.warden.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta..", "javax..", "java.sql..")
            .because("core is plain Java; frameworks and JDBC belong to the web and persistence modules");

    @ArchTest
    static final ArchRule featuresHaveNoCycles =
            slices().matching("dev.warden.core.(*)..").should().beFreeOfCycles();
}
