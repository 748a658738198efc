package org.liaison.wire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The wire library is used by node, gateway and tools alike: it must depend on no framework. */
@AnalyzeClasses(packages = "org.liaison.wire", importOptions = ImportOption.DoNotIncludeTests.class)
class FrameworkFreeTest {

  @ArchTest
  static final ArchRule noFramework =
      noClasses()
          .that()
          .resideInAPackage("org.liaison.wire..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.quarkus..", "jakarta..", "org.springframework..")
          .because("the wire library must stay framework-free");
}
