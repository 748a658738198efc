package org.liaison.cluster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.liaison.pki.PkiLayout;

/**
 * A certificate revoked in a running federation with {@code liaison-pki revoke}, as an operator
 * does it, and taken back when closed, so that the test leaves the federation as it found it: the
 * agency's CA state is restored from before the revocation and its CRL re-issued with {@code
 * liaison-pki crl} (a new CRL number that no longer lists the certificate). The processes pick the
 * new CRL up on their own schedule; a test that needs the certificate again awaits that through a
 * real call.
 */
public final class Revocation implements AutoCloseable {

  private static final String CRL_NUMBER = "crl.number";

  private final Federation federation;
  private final String agency;
  private final Path state;
  private final byte[] stateBefore;

  private Revocation(Federation federation, String agency, Path state, byte[] stateBefore) {
    this.federation = federation;
    this.agency = agency;
    this.state = state;
    this.stateBefore = stateBefore;
  }

  /** Revokes {@code certificate} of {@code agency} (reason keyCompromise) while it runs. */
  public static Revocation revoke(Federation federation, String agency, Path certificate) {
    Path state = new PkiLayout(federation.pkiDir()).caState(agency);
    byte[] before;
    try {
      before = Files.readAllBytes(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    federation.pki(
        "revoke",
        "--agency",
        agency,
        "--cert",
        certificate.toString(),
        "--reason",
        "keyCompromise");
    return new Revocation(federation, agency, state, before);
  }

  /** Takes the revocation back: the CA state as it was, and a fresh CRL issued from it. */
  @Override
  public void close() {
    try {
      // the revocation as it was before, but the CRL number keeps counting up: a CRL that reuses
      // a number would be a second CRL of that number
      Properties restored = load(new ByteArrayInputStream(stateBefore));
      try (InputStream now = Files.newInputStream(state)) {
        restored.setProperty(CRL_NUMBER, load(now).getProperty(CRL_NUMBER));
      }
      Path copy = state.resolveSibling(state.getFileName() + ".restore");
      try (OutputStream out = Files.newOutputStream(copy)) {
        restored.store(out, "restored after a test's revocation");
      }
      Files.move(copy, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    federation.pki("crl", "--agency", agency);
  }

  private static Properties load(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    return p;
  }
}
