package io.nodedb.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Imports point down (ARCHITECTURE.md, invariant 3). Fails the build when a lower layer imports a higher one, when
 * the embedded edition imports server code, or when packages form a cycle.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // test classes of other modules arrive in their *-tests.jar
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.nodedb");
    }

    @Test
    void modulesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Core").definedBy("io.nodedb.core..")
                .layer("Sql").definedBy("io.nodedb.sql..")
                .layer("Embedded").definedBy("io.nodedb.embedded..")
                .layer("Server").definedBy("io.nodedb.server..")
                .layer("Cli").definedBy("io.nodedb.cli..")
                .layer("Bench").definedBy("io.nodedb.bench..")
                .whereLayer("Bench").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Server").mayOnlyBeAccessedByLayers("Bench")
                .whereLayer("Embedded").mayOnlyBeAccessedByLayers("Cli", "Bench")
                .whereLayer("Sql").mayOnlyBeAccessedByLayers("Embedded", "Server", "Cli", "Bench")
                .check(classes);
    }

    @Test
    void coreLayersPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Foundation").definedBy("io.nodedb.core", "io.nodedb.core.error..", "io.nodedb.core.metrics..",
                        "io.nodedb.core.value..")
                .layer("Log").definedBy("io.nodedb.core.wal..")
                .layer("Storage").definedBy("io.nodedb.core.storage..")
                .layer("Engine").definedBy("io.nodedb.core.engine..")
                .layer("Catalog").definedBy("io.nodedb.core.catalog..")
                .layer("Document").definedBy("io.nodedb.core.document..", "io.nodedb.core.kv..",
                        "io.nodedb.core.vector..")
                .layer("Database").definedBy("io.nodedb.core.db..")
                .whereLayer("Database").mayNotBeAccessedByAnyLayer()
                .whereLayer("Document").mayOnlyBeAccessedByLayers("Database")
                .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Document", "Database")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Catalog", "Document", "Database")
                .whereLayer("Storage").mayOnlyBeAccessedByLayers("Engine", "Catalog", "Document", "Database")
                .whereLayer("Log").mayOnlyBeAccessedByLayers("Storage", "Engine", "Catalog", "Document", "Database")
                .check(classes.that(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAPackage("io.nodedb.core..")));
    }

    @Test
    void embeddedEditionNeverImportsServerCode() {
        noClasses().that().resideInAPackage("io.nodedb.embedded..")
                .should().dependOnClassesThat().resideInAPackage("io.nodedb.server..")
                .check(classes);
    }

    @Test
    void engineAndStorageKnowNothingOfSocketsOrNetty() {
        noClasses().that().resideInAPackage("io.nodedb.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.net..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.nodedb.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("io.nodedb.core.(*)..").should().beFreeOfCycles().check(classes);
    }
}
