package dev.warden.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.RequestMapping;

@AnalyzeClasses(packages = "dev.warden")
class WebArchitectureTest {

    /** Every API route declares, next to itself, the one permission it needs. */
    @ArchTest
    static final ArchRule apiRoutesDeclareTheirPermission = methods()
            .that()
            .areDeclaredInClassesThat()
            .areMetaAnnotatedWith(ApiController.class)
            .and()
            .areMetaAnnotatedWith(RequestMapping.class)
            .should()
            .beAnnotatedWith(RequiresPermission.class);

    /** Tests start the application through {@code @WardenSpringBootTest}, so they share one configuration. */
    @ArchTest
    static final ArchRule noRawSpringBootTest = noClasses()
            .that()
            .doNotHaveSimpleName("WardenSpringBootTest")
            .should()
            .beAnnotatedWith(SpringBootTest.class);

    /** Only the web module speaks HTTP: core and persistence never see a servlet. */
    @ArchTest
    static final ArchRule layersPointInward = noClasses()
            .that()
            .resideInAnyPackage("dev.warden.core..", "dev.warden.persistence..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.warden.web..", "jakarta.servlet..");
}
