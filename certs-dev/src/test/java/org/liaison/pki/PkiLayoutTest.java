package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PkiLayoutTest {

  private final PkiLayout layout = new PkiLayout(Path.of("pki"));

  @Test
  void inAgency_isTheFilesPathBelowItsAgencyFolderWithSlashes() {
    assertThat(
            layout.inAgency(
                "us.ice", layout.nodeDir("us.ice", "node-1").resolve(PkiLayout.TLS_CERT)))
        .isEqualTo("nodes/node-1/" + PkiLayout.TLS_CERT);
    assertThat(layout.inAgency("us.ice", layout.gatewayDir("us.ice").resolve(PkiLayout.TLS_CERT)))
        .isEqualTo("gateway/" + PkiLayout.TLS_CERT);
  }

  @Test
  void inAgency_ofAStagedCopy_isTheNameOfTheLiveFile() {
    PkiLayout staged = new PkiLayout(layout.root().resolve(CaRotation.STAGING));
    Path live = layout.officerDir("us.dea", "officer-1").resolve(PkiLayout.TLS_CERT);
    Path copy = staged.officerDir("us.dea", "officer-1").resolve(PkiLayout.TLS_CERT);
    assertThat(staged.inAgency("us.dea", copy)).isEqualTo(layout.inAgency("us.dea", live));
  }
}
