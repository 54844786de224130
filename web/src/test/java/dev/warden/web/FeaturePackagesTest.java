package dev.warden.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One packaging axis: a feature has the same package name in core, persistence and web, so that a new engineer
 * finds a feature's service, store and pages by one name. Only the infrastructure listed here has no core feature.
 */
class FeaturePackagesTest {
    private static final Set<String> WEB_INFRASTRUCTURE =
            Set.of("config", "security", "shared", "console", "scim", "discovery", "metrics");
    private static final Set<String> PERSISTENCE_INFRASTRUCTURE = Set.of();

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The persistence test-jar (benchmarks, shared contracts) is on this classpath as a jar, not test classes.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.warden.core", "dev.warden.persistence", "dev.warden.web");

    @Test
    void webFeaturesAreCoreFeatures() {
        assertThat(featuresOf("dev.warden.web"))
                .allSatisfy(feature -> assertThat(feature)
                        .as(
                                "web package dev.warden.web.%s: name it after a core feature or list it as infrastructure",
                                feature)
                        .isIn(union(featuresOf("dev.warden.core"), WEB_INFRASTRUCTURE)));
    }

    @Test
    void persistenceFeaturesAreCoreFeatures() {
        assertThat(featuresOf("dev.warden.persistence"))
                .allSatisfy(feature -> assertThat(feature)
                        .as("persistence package dev.warden.persistence.%s: name it after a core feature", feature)
                        .isIn(union(featuresOf("dev.warden.core"), PERSISTENCE_INFRASTRUCTURE)));
    }

    /** The first package below {@code root} of each main class; classes directly in {@code root} have none. */
    private static Set<String> featuresOf(String root) {
        Set<String> features = new TreeSet<>();
        for (JavaClass type : MAIN) {
            String pkg = type.getPackageName();
            if (pkg.startsWith(root + ".")) {
                features.add(pkg.substring(root.length() + 1).split("\\.")[0]);
            }
        }
        assertThat(features).as("features found under %s", root).isNotEmpty();
        return features;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
