package io.sharedcatalog.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structural rules of the main code of {@code catalog} and {@code cluster} (both are on this
 * module's test class path): Hazelcast's public API only, and no arrow from an internal package of
 * the cluster module back up to its public classes, and the cluster module uses the catalog
 * module's internals only through its named SPI ({@code io.sharedcatalog.catalog.spi}) and the
 * value codec.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.sharedcatalog");
  }

  @Test
  void mainCodeUsesNoHazelcastInternals() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.hazelcast.internal..", "com.hazelcast.client.impl..", "com.hazelcast.spi.impl..")
        .because("only Hazelcast's public API is stable across its releases")
        .check(main);
  }

  @Test
  void nothingInternalInTheClusterModuleReachesBackToItsPublicClasses() {
    noClasses()
        .that()
        .resideInAnyPackage("io.sharedcatalog.cluster.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.sharedcatalog.cluster",
            "io.sharedcatalog.cluster.cli",
            "io.sharedcatalog.cluster.demo")
        .because("internal code serves the public classes, never the other way round")
        .check(main);
  }

  @Test
  void theClusterModuleUsesTheCatalogsInternalsOnlyThroughItsSpiAndTheCodec() {
    noClasses()
        .that()
        .resideInAPackage("io.sharedcatalog.cluster..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.sharedcatalog.catalog.internal..")
                .and(not(resideInAPackage("io.sharedcatalog.catalog.internal.codec.."))))
        .because(
            "the catalog's internals may change freely; what other modules may use is named in"
                + " io.sharedcatalog.catalog.spi's package-info")
        .check(main);
  }
}
