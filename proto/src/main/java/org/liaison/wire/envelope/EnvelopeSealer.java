package org.liaison.wire.envelope;

import com.google.protobuf.ByteString;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.bouncycastle.util.encoders.Hex;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.crypto.Hpke;
import org.liaison.wire.crypto.Suites;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.CertificateValidationException;
import org.liaison.wire.pki.CertificateValidator;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.BatchSignature;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.SessionRef;
import org.liaison.wire.v1.Signature;

/**
 * Seals envelopes from this node: signs with its signing key and encrypts the payload to the
 * recipient node's encryption key (looked up in the trust directory and validated first).
 *
 * <ul>
 *   <li>{@link #seal}: one self-contained envelope (single-shot HPKE, one ECDSA signature).
 *   <li>{@link #sealBatch}: many envelopes at once: payloads sealed in per-recipient HPKE sessions,
 *       all signed by one ECDSA signature over the Merkle root of their signed content; each
 *       envelope carries its audit path and still verifies on its own.
 * </ul>
 *
 * Thread-safe.
 */
public final class EnvelopeSealer {

  /** One message of a batch. */
  public record Outgoing(SealRequest request, byte[] payload) {
    public Outgoing {
      Objects.requireNonNull(request);
      payload = payload.clone();
    }
  }

  private final NodeCredentials self;
  private final TrustDirectory trust;
  private final CertificateValidator validator;
  private final Clock clock;
  private final SenderSessions sessions;
  private final SecureRandom random = new SecureRandom();

  /** The signing key and its certificate; replaced by {@link #signWith} when the key rotates. */
  record Signer(PrivateKey key, ByteString certificate, String keyId) {
    static Signer of(NodeCredentials c) {
      return new Signer(
          c.signingKey(),
          ByteString.copyFrom(Certificates.der(c.signingCertificate())),
          Certificates.fingerprint(c.signingCertificate()));
    }
  }

  private volatile Signer signer;
  private volatile Supplier<byte[]> auditCheckpoint = () -> new byte[0];

  public EnvelopeSealer(NodeCredentials self, TrustDirectory trust, Clock clock) {
    this(self, trust, clock, SessionPolicy.defaults());
  }

  public EnvelopeSealer(
      NodeCredentials self, TrustDirectory trust, Clock clock, SessionPolicy sessionPolicy) {
    this.self = self;
    this.trust = trust;
    this.validator = new CertificateValidator(trust);
    this.clock = clock;
    this.sessions = new SenderSessions(sessionPolicy, clock);
    this.signer = Signer.of(self);
  }

  /**
   * Signs with {@code next}'s signing key from the next envelope on (key rotation while running;
   * decision 0028). Partners accept either certificate while both are valid and unrevoked.
   */
  public void signWith(NodeCredentials next) {
    if (!next.agency().equals(self.agency()) || !next.node().equals(self.node())) {
      throw new IllegalArgumentException("the new credentials are not this node's (" + self + ")");
    }
    this.signer = Signer.of(next);
  }

  /**
   * Where the sender's latest signed audit checkpoint comes from; every header sealed from now on
   * carries it ({@code Header.audit_checkpoint}) when it is not empty.
   */
  public void auditCheckpoints(Supplier<byte[]> source) {
    this.auditCheckpoint = Objects.requireNonNull(source);
  }

  /** Seals one self-contained envelope. */
  public Envelope seal(SealRequest request, byte[] payload) throws WireException {
    Signer by = signer; // one key for header and signature, even across a rotation
    X509Certificate recipient = recipientCertificate(request);
    byte[] header = header(request, recipient, null, by).toByteArray();
    Hpke.Sealed sealed;
    try {
      sealed = Hpke.seal(recipient.getPublicKey(), SignedContent.INFO_SINGLE, header, payload);
    } catch (InvalidKeyException e) {
      throw new WireException(
          Reason.UNSUPPORTED_ALGORITHM, "The recipient's encryption key is not a P-256 key.", e);
    }
    byte[] signed = SignedContent.of(header, sealed.enc(), sealed.ciphertext());
    return Envelope.newBuilder()
        .setHeader(ByteString.copyFrom(header))
        .setEnc(ByteString.copyFrom(sealed.enc()))
        .setCiphertext(ByteString.copyFrom(sealed.ciphertext()))
        .setSignature(
            Signature.newBuilder()
                .setSignerCertificate(by.certificate())
                .setSingle(ByteString.copyFrom(sign(by, signed))))
        .build();
  }

  /** Seals an answer to an opened request, bound to it by its signed-content hash. */
  public Envelope sealAnswer(
      OpenedEnvelope request, String contentType, java.time.Duration ttl, byte[] payload)
      throws WireException {
    return seal(SealRequest.answerTo(request, contentType, ttl), payload);
  }

  /** Seals many messages with sessions and one batch signature; same order as given. */
  public List<Envelope> sealBatch(List<Outgoing> messages) throws WireException {
    if (messages.isEmpty()) {
      return List.of();
    }
    Signer by = signer;
    List<Prepared> prepared = new ArrayList<>(messages.size());
    for (Outgoing m : messages) {
      prepared.add(prepare(m, by));
    }
    return signBatch(prepared);
  }

  /**
   * One message of a batch before its signature: header, payload sealed in the recipient's session,
   * and its Merkle leaf. Which key will sign it is fixed here, as its header names it.
   */
  record Prepared(
      Signer signer, String recipientAgency, byte[] header, byte[] ciphertext, byte[] leaf) {}

  /** Encrypts one message in its recipient's session under the current signing key. */
  Prepared prepare(Outgoing message) throws WireException {
    return prepare(message, signer);
  }

  private Prepared prepare(Outgoing m, Signer by) throws WireException {
    X509Certificate recipient = recipientCertificate(m.request());
    SenderSessions.Slot slot;
    try {
      slot = sessions.next(Certificates.fingerprint(recipient), recipient.getPublicKey());
    } catch (InvalidKeyException e) {
      throw new WireException(
          Reason.UNSUPPORTED_ALGORITHM, "The recipient's encryption key is not a P-256 key.", e);
    }
    SessionRef ref =
        SessionRef.newBuilder()
            .setSessionId(ByteString.copyFrom(slot.sessionId()))
            .setSequence(slot.sequence())
            .setEnc(ByteString.copyFrom(slot.enc()))
            .build();
    byte[] header = header(m.request(), recipient, ref, by).toByteArray();
    byte[] ct = slot.keys().seal(slot.sequence(), header, m.payload);
    return new Prepared(
        by,
        m.request().recipientAgency(),
        header,
        ct,
        MerkleTree.leafHash(SignedContent.of(header, new byte[0], ct)));
  }

  /**
   * Signs prepared messages with one ECDSA signature over the Merkle root of their leaves; same
   * order as given. All of them must name the same signing key.
   */
  List<Envelope> signBatch(List<Prepared> prepared) throws WireException {
    Signer by = prepared.get(0).signer();
    List<byte[]> leaves = new ArrayList<>(prepared.size());
    for (Prepared p : prepared) {
      if (p.signer() != by) {
        throw new IllegalArgumentException("a batch is signed by one key");
      }
      leaves.add(p.leaf());
    }
    byte[] root = MerkleTree.root(leaves);
    ByteString rootSignature =
        ByteString.copyFrom(sign(by, SignedContent.batchRoot(leaves.size(), root)));
    List<Envelope> out = new ArrayList<>(prepared.size());
    for (int i = 0; i < prepared.size(); i++) {
      BatchSignature.Builder batch =
          BatchSignature.newBuilder()
              .setRootSignature(rootSignature)
              .setLeafIndex(i)
              .setTreeSize(leaves.size());
      for (byte[] p : MerkleTree.inclusionProof(leaves, i)) {
        batch.addAuditPath(ByteString.copyFrom(p));
      }
      out.add(
          Envelope.newBuilder()
              .setHeader(ByteString.copyFrom(prepared.get(i).header()))
              .setCiphertext(ByteString.copyFrom(prepared.get(i).ciphertext()))
              .setSignature(
                  Signature.newBuilder().setSignerCertificate(by.certificate()).setBatch(batch))
              .build());
    }
    return out;
  }

  private X509Certificate recipientCertificate(SealRequest r) throws WireException {
    if (!trust.isTrusted(r.recipientAgency())) {
      throw new WireException(
          Reason.UNKNOWN_AGENCY,
          "Agency '" + r.recipientAgency() + "' is not trusted: no agreement in force names it.");
    }
    X509Certificate cert =
        trust
            .nodeEncryptionCertificate(r.recipientAgency(), r.recipientNode())
            .orElseThrow(
                () ->
                    new WireException(
                        Reason.NO_ROUTE,
                        "No encryption certificate for node '"
                            + r.recipientNode()
                            + "' of "
                            + r.recipientAgency()
                            + " in the trust directory."));
    try {
      validator.validate(
          cert, r.recipientAgency(), CertificateRole.NODE_ENCRYPTION, clock.instant());
    } catch (CertificateValidationException e) {
      throw new WireException(
          e.reason(), "Recipient encryption certificate refused: " + e.getMessage(), e);
    }
    return cert;
  }

  private Header header(SealRequest r, X509Certificate recipient, SessionRef session, Signer by) {
    long now = clock.millis();
    byte[] id = new byte[16];
    random.nextBytes(id);
    Header.Builder h =
        Header.newBuilder()
            .setProtocolVersion(Suites.PROTOCOL_VERSION)
            .setSuite(Suites.V1)
            .setSenderAgency(self.agency())
            .setSenderNode(self.node())
            .setRecipientAgency(r.recipientAgency())
            .setRecipientNode(r.recipientNode())
            .setAgreementId(r.agreementId())
            .setPurpose(r.purpose())
            .setCaseReference(r.caseReference())
            .setOfficerId(r.officerId())
            .setMessageId(Hex.toHexString(id))
            .setCreatedAtMs(now)
            .setExpiresAtMs(now + r.ttl().toMillis())
            .setContentType(r.contentType())
            .setSignerKeyId(by.keyId())
            .setRecipientKeyId(Certificates.fingerprint(recipient))
            .setRequestHash(ByteString.copyFrom(r.requestHash()));
    if (session != null) {
      h.setSession(session);
    }
    byte[] checkpoint = auditCheckpoint.get();
    if (checkpoint != null && checkpoint.length > 0) {
      h.setAuditCheckpoint(ByteString.copyFrom(checkpoint));
    }
    return h.build();
  }

  private static byte[] sign(Signer by, byte[] content) throws WireException {
    try {
      return Ecdsa.sign(by.key(), content);
    } catch (InvalidKeyException e) {
      throw new WireException(
          Reason.INTERNAL, "This node's signing key is not an EC P-256 key: check its PKI.", e);
    }
  }
}
