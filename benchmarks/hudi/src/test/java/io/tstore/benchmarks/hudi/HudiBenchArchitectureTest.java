package io.tstore.benchmarks.hudi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Both systems are reached the way a user reaches them, through Spark alone: ours by its catalog, Hudi by its data
 * source. No class of the benchmark calls into our code or Hudi's directly.
 */
class HudiBenchArchitectureTest {

    @Test
    void reachesBothSystemsThroughSparkOnly() {
        noClasses().that().resideInAPackage("io.tstore.benchmarks.hudi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tstore.core..", "io.tstore.spark..",
                        "io.tstore.lsm..", "org.apache.hudi..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tstore.benchmarks.hudi"));
    }
}
