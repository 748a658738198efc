package org.liaison.wire.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.Consumer;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TestPki;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.Signature;

/** Two agencies (us.ice, ru.skr) with one node each, fresh keys every run, and a movable clock. */
final class TwoAgencies {

  final TestPki.Agency ice = TestPki.agency("us.ice");
  final TestPki.Agency skr = TestPki.agency("ru.skr");
  final NodeCredentials iceNode = ice.node("node-1");
  final NodeCredentials skrNode = skr.node("node-1");
  final NodeCredentials skrNode2 = skr.node("node-2");
  final MutableClock clock = new MutableClock();

  TrustDirectory directory() {
    return TestPki.directory(ice, skr);
  }

  EnvelopeSealer iceSealer() {
    return new EnvelopeSealer(iceNode, directory(), clock);
  }

  EnvelopeSealer skrSealer() {
    return new EnvelopeSealer(skrNode, directory(), clock);
  }

  EnvelopeOpener skrOpener() throws WireException {
    return EnvelopeOpener.builder(skrNode, directory()).clock(clock).build();
  }

  EnvelopeOpener iceOpener() throws WireException {
    return EnvelopeOpener.builder(iceNode, directory()).clock(clock).build();
  }

  EnvelopeVerifier skrGateway() {
    return EnvelopeVerifier.builder(directory()).clock(clock).recipientAgency("ru.skr").build();
  }

  static SealRequest toSkr(String contentType) {
    return SealRequest.request(
        "ru.skr",
        "node-1",
        "ice-skr-2010",
        "HUMAN_TRAFFICKING",
        "ICE-2024-0042",
        "officer-7",
        contentType,
        Duration.ofMinutes(5));
  }

  /**
   * Changes the header and signs the result again with the given key and certificate: the one
   * change under test is then the only thing wrong with the envelope.
   */
  static Envelope resign(
      Envelope e, Consumer<Header.Builder> change, PrivateKey key, X509Certificate cert)
      throws Exception {
    Header.Builder h = Header.parseFrom(e.getHeader()).toBuilder();
    h.setSignerKeyId(Certificates.fingerprint(cert));
    change.accept(h);
    byte[] header = h.build().toByteArray();
    byte[] signed =
        SignedContent.of(header, e.getEnc().toByteArray(), e.getCiphertext().toByteArray());
    return e.toBuilder()
        .setHeader(ByteString.copyFrom(header))
        .setSignature(
            Signature.newBuilder()
                .setSignerCertificate(ByteString.copyFrom(cert.getEncoded()))
                .setSingle(ByteString.copyFrom(Ecdsa.sign(key, signed))))
        .build();
  }

  Envelope resignAsIce(Envelope e, Consumer<Header.Builder> change) throws Exception {
    return resign(e, change, iceNode.signingKey(), iceNode.signingCertificate());
  }

  static Header header(Envelope e) throws InvalidProtocolBufferException {
    return Header.parseFrom(e.getHeader());
  }
}
