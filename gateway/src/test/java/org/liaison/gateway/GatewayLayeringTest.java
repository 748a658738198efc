package org.liaison.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateway routes and verifies; it must never be able to open a payload. */
class GatewayLayeringTest {
  private static final JavaClasses GATEWAY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.liaison.gateway");

  @Test
  void gateway_neverTouchesDecryptionKeysOrOpeners() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.liaison.wire.envelope.EnvelopeOpener")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.liaison.wire.pki.NodeCredentials")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("org.liaison.wire.crypto..")
        .because("a gateway verifies and routes envelopes but holds no key that opens a payload")
        .check(GATEWAY);
  }

  @Test
  void gateway_doesNotParsePayloadMessages() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveNameMatching(
            "org\\.liaison\\.wire\\.v1\\.(QueryRequest|QueryAnswer|TargetCheck.*|Disclosure)")
        .because("payloads are sealed end to end, node to node")
        .check(GATEWAY);
  }
}
