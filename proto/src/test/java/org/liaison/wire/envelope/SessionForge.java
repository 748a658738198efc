package org.liaison.wire.envelope;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.SessionRef;
import org.liaison.wire.v1.Signature;

/**
 * Seals session messages from ICE's node to SKR's node-1 as {@link EnvelopeSealer#sealBatch} does,
 * but with the sequence number and the presence of the session's enc chosen by the test: what a
 * faulty sender, or one whose keys were stolen, could send. Every message is genuinely signed by
 * ICE's node (single signature) and carries a fresh message id, so the only thing under test is the
 * receiver's session bookkeeping.
 */
final class SessionForge {

  private final TwoAgencies f;
  private final SenderSessions.Slot session;

  SessionForge(TwoAgencies f) throws Exception {
    this.f = f;
    X509Certificate recipient = f.skrNode.encryptionCertificate();
    this.session =
        new SenderSessions(SessionPolicy.defaults(), f.clock)
            .next(Certificates.fingerprint(recipient), recipient.getPublicKey());
  }

  byte[] sessionId() {
    return session.sessionId().clone();
  }

  Envelope seal(long sequence, byte[] payload) throws Exception {
    return seal(sequence, true, payload);
  }

  Envelope seal(long sequence, boolean withEnc, byte[] payload) throws Exception {
    // A genuine single envelope provides the header: fresh message id, times, key ids.
    Envelope template = f.iceSealer().seal(TwoAgencies.toSkr("liaison.v1.QueryRequest"), payload);
    SessionRef.Builder ref =
        SessionRef.newBuilder()
            .setSessionId(ByteString.copyFrom(session.sessionId()))
            .setSequence(sequence);
    if (withEnc) {
      ref.setEnc(ByteString.copyFrom(session.enc()));
    }
    byte[] header =
        Header.parseFrom(template.getHeader()).toBuilder().setSession(ref).build().toByteArray();
    byte[] ciphertext = session.keys().seal(sequence, header, payload);
    byte[] signature =
        Ecdsa.sign(f.iceNode.signingKey(), SignedContent.of(header, new byte[0], ciphertext));
    return Envelope.newBuilder()
        .setHeader(ByteString.copyFrom(header))
        .setCiphertext(ByteString.copyFrom(ciphertext))
        .setSignature(
            Signature.newBuilder()
                .setSignerCertificate(
                    ByteString.copyFrom(f.iceNode.signingCertificate().getEncoded()))
                .setSingle(ByteString.copyFrom(signature)))
        .build();
  }
}
