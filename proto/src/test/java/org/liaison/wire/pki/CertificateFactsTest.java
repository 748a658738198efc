package org.liaison.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.liaison.wire.crypto.Sha256;

/** Facts read once per certificate are the facts read from scratch, and only of those bytes. */
class CertificateFactsTest {
  private final TestPki.Agency dea = TestPki.agency("us.dea");

  @Test
  void theSameBytes_giveTheSameParsedCertificate_andFactsEqualToReadingItAfresh() throws Exception {
    X509Certificate signing = dea.signing("node-1").cert();
    byte[] der = signing.getEncoded();

    CertificateFacts first = CertificateFacts.parse(der);
    CertificateFacts again = CertificateFacts.parse(der.clone());
    assertThat(again).isSameAs(first);
    assertThat(CertificateFacts.of(signing)).isSameAs(first);

    assertThat(first.fingerprint()).isEqualTo(Sha256.hex(der));
    assertThat(first.organization()).isEqualTo(Certificates.readOrganization(signing));
    assertThat(first.role()).contains(CertificateRole.NODE_SIGNING);
    for (CertificateRole r : CertificateRole.values()) {
      assertThat(first.fitFor(r)).as("%s", r).isEqualTo(r.readIsHeldBy(signing));
    }
    assertThat(first.fitFor(CertificateRole.NODE_SIGNING)).isTrue();
    assertThat(first.liaisonName("us.dea", "node")).contains("node-1");
    assertThat(first.liaisonName("us.ice", "node")).isEmpty();
  }

  @Test
  void aCertificateDifferingInOneByte_isAnotherCertificate() throws Exception {
    X509Certificate gateway = dea.tls("gw", "gateway").cert();
    byte[] der = gateway.getEncoded();
    CertificateFacts real = CertificateFacts.parse(der);
    // flip a bit of the signature (the last byte): it still parses, as another certificate
    byte[] altered = der.clone();
    altered[altered.length - 1] ^= 1;
    CertificateFacts other = CertificateFacts.parse(altered);
    assertThat(other).isNotSameAs(real);
    assertThat(other.fingerprint()).isNotEqualTo(real.fingerprint());
    // changing the caller's array afterwards does not change what was cached under those bytes
    byte[] mutable = der.clone();
    CertificateFacts cached = CertificateFacts.parse(mutable);
    Arrays.fill(mutable, (byte) 0);
    assertThat(CertificateFacts.parse(der)).isSameAs(cached);
    assertThat(cached.fingerprint()).isEqualTo(Sha256.hex(der));
  }

  @Test
  void aCertificateCarriedInAMessage_isFoundByItsBytes_andOnlyByThem() throws Exception {
    byte[] der = dea.signing("node-2").cert().getEncoded();
    CertificateFacts first = CertificateFacts.parse(com.google.protobuf.ByteString.copyFrom(der));
    assertThat(CertificateFacts.parse(der)).isSameAs(first);
    assertThat(CertificateFacts.parse(com.google.protobuf.ByteString.copyFrom(der)))
        .isSameAs(first);
    byte[] altered = der.clone();
    altered[altered.length - 1] ^= 1;
    assertThat(CertificateFacts.parse(com.google.protobuf.ByteString.copyFrom(altered)))
        .isNotSameAs(first);
    com.google.protobuf.ByteString junk = com.google.protobuf.ByteString.copyFromUtf8("junk");
    assertThatThrownBy(() -> CertificateFacts.parse(junk)).isInstanceOf(CertificateException.class);
  }

  @Test
  void garbage_isRefusedAsUnparseable_everyTime() {
    byte[] junk = "not a certificate".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> CertificateFacts.parse(junk)).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> CertificateFacts.parse(junk)).isInstanceOf(CertificateException.class);
  }

  @Test
  void aFloodOfDistinctCertificates_staysBounded_andCorrect() throws Exception {
    X509Certificate keep = dea.signing("node-2").cert();
    for (int i = 0; i < 5000; i++) {
      byte[] der = keep.getEncoded();
      der[der.length - 1] ^= (byte) (i & 0x7f);
      der[der.length - 2] ^= (byte) (i >> 7);
      CertificateFacts.parse(der);
    }
    assertThat(CertificateFacts.cached()).isLessThanOrEqualTo(4096);
    assertThat(CertificateFacts.of(keep).liaisonName("us.dea", "node")).contains("node-2");
  }
}
