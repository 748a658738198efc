package org.liaison.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.crypto.Sha256;

/** Loading the on-disk PKI layout written in PEM. */
class PkiFilesTest {

  @Test
  void load_nodeCredentialsAndDirectoryFromTheLayout(@TempDir Path pki) throws Exception {
    TestPki.Agency ice = TestPki.agency("us.ice");
    TestPki.Agency skr = TestPki.agency("ru.skr");
    NodeCredentials written = ice.node("node-1");
    skr.node("node-1");
    TestPki.write(pki, ice, skr);

    NodeCredentials c = NodeCredentials.load(pki.resolve("us.ice/nodes/node-1"));
    assertThat(c.agency()).isEqualTo("us.ice");
    assertThat(c.node()).isEqualTo("node-1");
    assertThat(c.signingCertificate()).isEqualTo(written.signingCertificate());
    assertThat(c.signingKey().getEncoded()).isEqualTo(written.signingKey().getEncoded());
    assertThat(c.encryptionKey().getEncoded()).isEqualTo(written.encryptionKey().getEncoded());
    assertThat(c.tlsCertificate()).contains(written.tlsCertificate().orElseThrow());
    assertThat(c.caCertificate()).contains(ice.ca);

    TrustDirectory d = TrustDirectory.load(pki.resolve("directory"));
    assertThat(d.trustedAgencies()).containsExactly("ru.skr", "us.ice");
    assertThat(d.caFingerprint("ru.skr")).contains(Sha256.hex(skr.ca.getEncoded()));
    assertThat(d.nodeEncryptionCertificate("ru.skr", "node-1"))
        .contains(skr.nodes.get("node-1").encryptionCertificate());
    assertThat(d.crl("us.ice")).isPresent();
    assertThat(Certificates.fingerprint(ice.ca)).isEqualTo(d.caFingerprint("us.ice").orElseThrow());
  }
}
