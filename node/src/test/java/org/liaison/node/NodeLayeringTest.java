package org.liaison.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rooms of the node's de-confliction (decision 0025) and the one daily counter keep to their
 * direction: officer-facing code calls them, never the other way round.
 */
class NodeLayeringTest {
  private static final JavaClasses NODE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.liaison.node");

  @Test
  void deconfliction_doesNotDependOnTheOfficerFacingPackages() {
    noClasses()
        .that()
        .resideInAPackage("org.liaison.node.deconfliction..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.liaison.node.console..", "org.liaison.node.officer..")
        .because("officers reach de-confliction through the officer API and the console")
        .check(NODE);
  }

  @Test
  void alertsAndQuotas_areLeavesOfDeconfliction() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.liaison.node.deconfliction.alerts..", "org.liaison.node.deconfliction.quotas..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.liaison.node.deconfliction.targets..",
            "org.liaison.node.deconfliction.events..",
            "org.liaison.node.deconfliction.filters..",
            "org.liaison.node.deconfliction.matching..")
        .because("alerts and quotas are kept for every kind of check; no check kind owns them")
        .check(NODE);
  }

  @Test
  void dailyCounts_standBeneathQueryAndDeconfliction() {
    noClasses()
        .that()
        .resideInAPackage("org.liaison.node.quota..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.liaison.node.query..", "org.liaison.node.deconfliction..")
        .because("one daily counter serves the query and the probe quotas alike")
        .check(NODE);
  }
}
