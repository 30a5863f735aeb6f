package io.tstore.core.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The line between what engines may use of the core and what is its inside, as architecture rules that the core
 * and every engine module check in their tests (docs/java-api.md, "Writing a connector").
 *
 * <p>Engines use the packages of {@link #PACKAGES}, the commit message type, and of the LSM engine only its root
 * package ({@code RowKind}, {@code RecordReader}): the seam through which rows and their kinds cross.
 */
public final class ConnectorLayer {
    private ConnectorLayer() {}

    /** The core packages engines may import; every other {@code io.tstore.core} package is internal. */
    public static final List<String> PACKAGES = List.of(
            "io.tstore.core.connector",
            "io.tstore.core.table",
            "io.tstore.core.catalog",
            "io.tstore.core.types",
            "io.tstore.core.data",
            "io.tstore.core.predicate",
            "io.tstore.core.options",
            "io.tstore.core.fs",
            "io.tstore.core.fs.s3",
            "io.tstore.core.schema",
            "io.tstore.core.snapshot",
            "io.tstore.core.log",
            "io.tstore.core.system",
            "io.tstore.core.lifecycle",
            "io.tstore.core.tag");

    /** The one class of an internal package that engines hold (as an opaque value): a writer's commit message. */
    public static final String COMMIT_MESSAGE = "io.tstore.core.commit.CommitMessage";

    /** The LSM engine's seam: its root package. */
    public static final String LSM_SEAM = "io.tstore.lsm";

    /** The classes (not tests) of these packages and their sub-packages, from the class path. */
    public static JavaClasses importPackages(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }

    /** No two packages (sub-packages counted as packages of their own) below {@code root} depend on each other in a cycle. */
    public static ArchRule freeOfPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("packages below " + root + " are layered: a cycle ties them into one");
    }

    /** Classes of {@code enginePackage} use the core through the connector layer only. */
    public static ArchRule engineUsesConnectorLayerOnly(String enginePackage) {
        return noClasses().that().resideInAPackage(enginePackage + "..")
                .should().dependOnClassesThat(outsideConnectorLayer())
                .because("engines are thin: they use the core's connector layer " + PACKAGES
                        + " (docs/java-api.md, \"Writing a connector\"), never its internals");
    }

    /** Core classes that are not part of the connector layer, and LSM classes beyond its root package. */
    public static DescribedPredicate<JavaClass> outsideConnectorLayer() {
        DescribedPredicate<JavaClass> internalCore = resideInAPackage("io.tstore.core..")
                .and(DescribedPredicate.not(resideInAnyPackage(PACKAGES.toArray(new String[0]))))
                .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(commitMessage())));
        DescribedPredicate<JavaClass> lsmInternals = resideInAPackage(LSM_SEAM + "..")
                .and(DescribedPredicate.not(resideInAPackage(LSM_SEAM)));
        return internalCore.or(lsmInternals).as("are outside the connector layer");
    }

    private static Class<?> commitMessage() {
        try {
            return Class.forName(COMMIT_MESSAGE);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
