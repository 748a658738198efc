package org.liaison.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pem.Pem;
import org.liaison.wire.v1.Reason;

/** Rule 3: a CRL re-issued on disk is in force without a restart, within the interval. */
class TrustDirectoryWatcherTest {

  @TempDir Path pki;

  @Test
  void revocationWrittenToDisk_isRefusedWithinTheInterval_andListenersHear() throws Exception {
    TestPki.Agency dea = TestPki.agency("us.dea");
    NodeCredentials node = dea.node("node-1");
    TestPki.write(pki, dea);
    AtomicInteger changes = new AtomicInteger();
    try (TrustDirectoryWatcher w =
        TrustDirectoryWatcher.start(pki.resolve("directory"), Duration.ofMillis(100))) {
      w.onChange(changes::incrementAndGet);
      CertificateValidator v = new CertificateValidator(w.directory());
      X509Certificate signing = node.signingCertificate();
      assertThatCode(
              () -> v.validate(signing, "us.dea", CertificateRole.NODE_SIGNING, Instant.now()))
          .doesNotThrowAnyException();
      assertThat(w.check()).as("nothing changed yet").isFalse();

      dea.revoke(signing);
      Pem.write(pki.resolve("directory/us.dea/ca.crl.pem"), dea.crl());
      long started = System.nanoTime();
      Reason reason = null;
      while (reason == null && System.nanoTime() - started < 5_000_000_000L) {
        CertificateValidationException e =
            catchThrowableOfType(
                CertificateValidationException.class,
                () -> v.validate(signing, "us.dea", CertificateRole.NODE_SIGNING, Instant.now()));
        reason = e == null ? null : e.reason();
        Thread.sleep(20);
      }
      assertThat(reason).isEqualTo(Reason.CERTIFICATE_REVOKED);
      while (changes.get() == 0 && System.nanoTime() - started < 5_000_000_000L) {
        Thread.sleep(20); // listeners run just after the swap
      }
      assertThat(changes.get()).isEqualTo(1);
    }
  }

  @Test
  void unreadableFolder_keepsTheLastGoodMaterial() throws Exception {
    TestPki.Agency dea = TestPki.agency("us.dea");
    NodeCredentials node = dea.node("node-1");
    TestPki.write(pki, dea);
    try (TrustDirectoryWatcher w =
        TrustDirectoryWatcher.start(pki.resolve("directory"), Duration.ofHours(1))) {
      java.nio.file.Files.writeString(pki.resolve("directory/us.dea/ca.crt.pem"), "garbage");
      assertThat(w.check()).isFalse();
      assertThatCode(
              () ->
                  new CertificateValidator(w.directory())
                      .validate(
                          node.signingCertificate(),
                          "us.dea",
                          CertificateRole.NODE_SIGNING,
                          Instant.now()))
          .doesNotThrowAnyException();
    }
  }
}
