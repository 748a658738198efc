package org.liaison.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pem.Pem;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.pki.PkiLayout;

/** The development PKI writes the role each check asks for, and only that one (rule 1). */
class DevPkiRolesTest {

  @TempDir Path work;

  @Test
  void everyProfileHoldsExactlyItsRole() throws Exception {
    DevPki pki =
        DevPki.create(
            work.resolve("pki"),
            List.of(AgencySpec.parse("us.ice:node-1:officer-1")),
            Clock.systemUTC());
    PkiLayout l = pki.layout();
    Map<Path, CertificateRole> expected =
        Map.of(
            l.nodeDir("us.ice", "node-1").resolve(PkiLayout.SIGNING_CERT),
                CertificateRole.NODE_SIGNING,
            l.nodeDir("us.ice", "node-1").resolve(PkiLayout.ENCRYPTION_CERT),
                CertificateRole.NODE_ENCRYPTION,
            l.nodeDir("us.ice", "node-1").resolve(PkiLayout.TLS_CERT), CertificateRole.NODE_TLS,
            l.gatewayDir("us.ice").resolve(PkiLayout.TLS_CERT), CertificateRole.GATEWAY_TLS,
            l.officerDir("us.ice", "officer-1").resolve(PkiLayout.TLS_CERT),
                CertificateRole.OFFICER,
            l.agencySigningDir("us.ice").resolve(PkiLayout.SIGNING_CERT),
                CertificateRole.AGENCY_SIGNATORY);
    for (Map.Entry<Path, CertificateRole> e : expected.entrySet()) {
      var cert = Pem.readCertificate(e.getKey());
      assertThat(CertificateRole.of(cert)).as(e.getKey().toString()).contains(e.getValue());
      for (CertificateRole r : CertificateRole.values()) {
        assertThat(r.isHeldBy(cert)).as(e.getKey() + " as " + r).isEqualTo(r == e.getValue());
      }
    }
  }
}
