package io.tstore.core.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core's packages are layered, and its row API reaches into the LSM engine only through the seam. */
class CoreArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ConnectorLayer.importPackages("io.tstore.core", "io.tstore.lsm");
    }

    @Test
    void corePackagesHaveNoCycles() {
        ConnectorLayer.freeOfPackageCycles("io.tstore.core").check(classes);
    }

    @Test
    void lsmPackagesHaveNoCycles() {
        ConnectorLayer.freeOfPackageCycles("io.tstore.lsm").check(classes);
    }

    @Test
    void lsmKnowsNothingOfTables() {
        noClasses().that().resideInAPackage("io.tstore.lsm..")
                .should().dependOnClassesThat().resideInAPackage("io.tstore.core..")
                .check(classes);
    }

    /**
     * The public row API ({@code io.tstore.core.data}) uses of the LSM engine its root package (row kinds,
     * readers) and the two interfaces it implements for the write buffer: a record serializer and a normalized key.
     */
    @Test
    void rowApiUsesLsmThroughTheSeamOnly() {
        noClasses().that().resideInAPackage("io.tstore.core.data")
                .should().dependOnClassesThat(resideInAPackage("io.tstore.lsm..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(resideInAPackage("io.tstore.lsm")))
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                simpleName("Serializer").or(simpleName("NormalizedKey"))))
                        .as("LSM classes beyond its root package, Serializer and NormalizedKey"))
                .check(classes);
    }
}
