package dev.warden.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/** One data-access idiom (docs/adr/0001-one-data-access-idiom.md): JdbcClient, with the template only for batches. */
@AnalyzeClasses(packages = "dev.warden.persistence", importOptions = ImportOption.DoNotIncludeTests.class)
class PersistenceArchitectureTest {

    @ArchTest
    static final ArchRule noSpringData = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework.data..")
            .because("the adapters run their SQL through JdbcClient, not Spring Data repositories or aggregates");

    @ArchTest
    static final ArchRule theTemplateOnlyForBatches = noClasses()
            .should()
            .callMethodWhere(DescribedPredicate.describe(
                    "a template method other than batchUpdate",
                    (JavaCall<?> call) -> (call.getTargetOwner().isAssignableTo(NamedParameterJdbcOperations.class)
                                    || call.getTargetOwner().isAssignableTo(JdbcOperations.class))
                            && !call.getName().equals("batchUpdate")))
            .because("JdbcClient runs every statement; it has no batch API, so batches alone use its template");
}
