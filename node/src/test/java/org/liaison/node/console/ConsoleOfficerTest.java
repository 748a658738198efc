package org.liaison.node.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pem.Pem;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;

/** Who may use an agency's console, decided from certificates the development PKI issues. */
class ConsoleOfficerTest {
  @TempDir static Path dir;
  static DevPki pki;

  @BeforeAll
  static void pki() {
    pki =
        DevPki.create(
            dir.resolve("pki"),
            List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("us.dea")),
            Clock.systemUTC());
  }

  @Test
  void anOfficerOfThisAgency_isTheOfficerNamedInTheCertificate() throws Exception {
    ConsoleOfficer o = ConsoleOfficer.of(officer("us.ice"), "us.ice");
    assertThat(o.agency()).isEqualTo("us.ice");
    assertThat(o.name()).isEqualTo("officer-1");
    assertThat(o.peer().kind()).isEqualTo("officer");
  }

  @Test
  void anOfficerOfAnotherAgency_isRefusedNamingBoth() throws Exception {
    X509Certificate dea = officer("us.dea");
    assertThatThrownBy(() -> ConsoleOfficer.of(dea, "us.ice"))
        .isInstanceOf(ConsoleOfficer.NotAnOfficerOfThisAgency.class)
        .hasMessage("This console serves officers of us.ice; your certificate belongs to us.dea.");
  }

  @Test
  void theNodesOwnTlsCertificate_isNotAnOfficer() throws Exception {
    X509Certificate node =
        Pem.readCertificate(pki.nodeDir("us.ice", "node-1").resolve("tls.crt.pem"));
    assertThatThrownBy(() -> ConsoleOfficer.of(node, "us.ice"))
        .isInstanceOf(ConsoleOfficer.NotAnOfficerOfThisAgency.class)
        .hasMessageContaining("needs an officer certificate; yours is a node certificate");
  }

  @Test
  void csrfTokens_areBoundToTheOfficer() throws Exception {
    ConsoleCsrf csrf = new ConsoleCsrf();
    ConsoleOfficer ice = ConsoleOfficer.of(officer("us.ice"), "us.ice");
    ConsoleOfficer dea = ConsoleOfficer.of(officer("us.dea"), "us.dea");
    assertThat(csrf.valid(ice, csrf.tokenFor(ice))).isTrue();
    assertThat(csrf.valid(ice, csrf.tokenFor(dea))).isFalse();
    assertThat(csrf.valid(ice, null)).isFalse();
    assertThat(new ConsoleCsrf().valid(ice, csrf.tokenFor(ice))).as("another process").isFalse();
  }

  private static X509Certificate officer(String agency) throws Exception {
    return Pem.readCertificate(
        pki.root().resolve(agency).resolve("officers/officer-1/tls.crt.pem"));
  }
}
