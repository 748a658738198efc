package org.liaison.wire.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.crypto.Hpke;
import org.liaison.wire.crypto.Sha256;
import org.liaison.wire.crypto.Suites;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.CertificateFacts;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.CertificateValidationException;
import org.liaison.wire.pki.CertificateValidator;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.BatchSignature;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.Reason;

/**
 * Every check on an envelope that needs no decryption key, as a gateway makes them. In order, the
 * first failure wins:
 *
 * <ol>
 *   <li>MALFORMED_ENVELOPE: unparseable header, missing fields, unknown fields outside the header;
 *   <li>UNSUPPORTED_VERSION, UNSUPPORTED_ALGORITHM: version other than 1, suite not allowed;
 *   <li>WRONG_RECIPIENT: recipient agency (when configured; the opener also checks node and key);
 *   <li>MESSAGE_EXPIRED (now &ge; expires_at), MESSAGE_NOT_YET_VALID (created more than the allowed
 *       skew in the future), CLOCK_SKEW (created longer ago than the replay window);
 *   <li>REPLAYED_MESSAGE: message id already accepted;
 *   <li>SIGNATURE_INVALID: single or batch signature, signer key id;
 *   <li>UNKNOWN_AGENCY, SIGNER_NOT_OF_SENDER_AGENCY, CHAIN_NOT_TO_AGENCY_CA, CERTIFICATE_* (among
 *       them CERTIFICATE_WRONG_ROLE): the signer certificate belongs to the header's sender agency
 *       and is a node signing certificate;
 *   <li>SIGNER_NOT_SENDER_NODE: it was issued to the node the header names as sender.
 * </ol>
 *
 * The message id is recorded only once all checks pass, so forged envelopes cannot use up ids.
 * Verified batch roots are cached, so a batch costs one signature verification. Thread-safe.
 */
public final class EnvelopeVerifier {

  private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final int ROOT_CACHE = 4096;

  private final CertificateValidator validator;
  private final ReplayGuard replay;
  private final Clock clock;
  private final Duration maxSkew;
  private final String recipientAgency;
  private final Map<VerifiedRoot, Boolean> verifiedRoots =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<VerifiedRoot, Boolean> eldest) {
          return size() > ROOT_CACHE;
        }
      };

  private EnvelopeVerifier(Builder b) {
    this.validator = new CertificateValidator(b.trust);
    this.clock = b.clock;
    this.replay = b.replay != null ? b.replay : ReplayGuard.defaults(b.clock);
    this.maxSkew = b.maxSkew;
    this.recipientAgency = b.recipientAgency;
  }

  public static Builder builder(TrustDirectory trust) {
    return new Builder(trust);
  }

  /** Runs every key-less check; on success records the message id. */
  public VerifiedEnvelope verify(Envelope envelope) throws WireException {
    Checked c = check(envelope, new Expectation(recipientAgency, null, null));
    commit(c);
    return new VerifiedEnvelope(envelope, c.header, c.signer, c.signedHash);
  }

  /** What the receiver expects; nulls are not checked. */
  /** What the recipient expects; {@code keyIds}: the encryption keys it opens with (null: any). */
  record Expectation(String agency, String node, java.util.Set<String> keyIds) {}

  /** An envelope that passed the checks, with its parts. */
  record Checked(
      Envelope envelope,
      Header header,
      X509Certificate signer,
      byte[] signedHash,
      Instant forgetAfter) {}

  Checked check(Envelope e, Expectation expect) throws WireException {
    Header h;
    try {
      h = Header.parseFrom(e.getHeader());
    } catch (InvalidProtocolBufferException ex) {
      throw new WireException(Reason.MALFORMED_ENVELOPE, "The envelope header cannot be parsed.");
    }
    if (h.getProtocolVersion() != Suites.PROTOCOL_VERSION) {
      throw new WireException(
          Reason.UNSUPPORTED_VERSION,
          "Protocol version "
              + h.getProtocolVersion()
              + " is not supported; only "
              + Suites.PROTOCOL_VERSION
              + " is.");
    }
    if (!Suites.isAllowed(h.getSuite())) {
      throw new WireException(
          Reason.UNSUPPORTED_ALGORITHM,
          "Cipher suite '" + h.getSuite() + "' is not allowed; only " + Suites.V1 + " is.");
    }
    checkShape(e, h);
    checkAddressedTo("agency", expect.agency(), h.getRecipientAgency());
    checkAddressedTo("node", expect.node(), h.getRecipientNode());
    if (expect.keyIds() != null && !expect.keyIds().contains(h.getRecipientKeyId())) {
      throw new WireException(
          Reason.WRONG_RECIPIENT,
          "Envelope is sealed to encryption key "
              + h.getRecipientKeyId()
              + ", which is not this node's current key; the sender has stale directory data.");
    }
    long now = clock.millis();
    if (now >= h.getExpiresAtMs() || h.getExpiresAtMs() <= h.getCreatedAtMs()) {
      throw new WireException(
          Reason.MESSAGE_EXPIRED,
          "Envelope "
              + h.getMessageId()
              + " expired at "
              + Instant.ofEpochMilli(h.getExpiresAtMs())
              + "; send a new one.");
    }
    if (h.getCreatedAtMs() > now + maxSkew.toMillis()) {
      throw new WireException(
          Reason.MESSAGE_NOT_YET_VALID,
          "Envelope "
              + h.getMessageId()
              + " claims to be created at "
              + Instant.ofEpochMilli(h.getCreatedAtMs())
              + ", in the future beyond the allowed "
              + maxSkew
              + " skew; check the sender's clock.");
    }
    if (h.getCreatedAtMs() < now - replay.window().toMillis()) {
      throw new WireException(
          Reason.CLOCK_SKEW,
          "Envelope "
              + h.getMessageId()
              + " was created at "
              + Instant.ofEpochMilli(h.getCreatedAtMs())
              + ", longer ago than the "
              + replay.window()
              + " replay window; check the sender's clock or resend.");
    }
    if (replay.seen(h.getMessageId())) {
      throw replayed(h);
    }
    // the signed content is hashed where the message holds it: never copied or concatenated
    byte[] signedHash = SignedContent.digest(e);
    CertificateFacts signer = verifySignature(e, h, signedHash);
    try {
      validator.validate(
          signer, h.getSenderAgency(), CertificateRole.NODE_SIGNING, Instant.ofEpochMilli(now));
    } catch (CertificateValidationException ex) {
      throw new WireException(ex.reason(), "Signer refused: " + ex.getMessage(), ex);
    }
    String signerNode = signer.liaisonName(h.getSenderAgency(), "node").orElse("");
    if (!signerNode.equals(h.getSenderNode())) {
      throw new WireException(
          Reason.SIGNER_NOT_SENDER_NODE,
          "Envelope "
              + h.getMessageId()
              + " names node '"
              + h.getSenderNode()
              + "' of "
              + h.getSenderAgency()
              + " as its sender but is signed with the signing certificate of "
              + (signerNode.isEmpty() ? "no named node" : "node '" + signerNode + "'")
              + "; a node signs only for itself.");
    }
    long forget =
        Math.min(h.getExpiresAtMs(), h.getCreatedAtMs() + replay.window().toMillis())
            + maxSkew.toMillis();
    return new Checked(e, h, signer.certificate(), signedHash, Instant.ofEpochMilli(forget));
  }

  /** Records the message id: the last step, after every check passed. */
  void commit(Checked c) throws WireException {
    switch (replay.record(c.header.getMessageId(), c.forgetAfter)) {
      case RECORDED -> {}
      case ALREADY_SEEN -> throw replayed(c.header);
      case FULL ->
          throw new WireException(
              Reason.RATE_LIMITED,
              "The replay window is full; too many messages were accepted recently. Retry later.");
      case NOT_DURABLE ->
          throw new WireException(
              Reason.STORAGE_UNAVAILABLE,
              "Message id "
                  + c.header.getMessageId()
                  + " could not be recorded on stable storage, so the message was not accepted;"
                  + " the receiver's disk needs attention.");
    }
  }

  /**
   * WRONG_RECIPIENT unless the header's recipient {@code what} (agency or node) is the expected
   * one; a null expectation is not checked.
   */
  private static void checkAddressedTo(String what, String expected, String addressed)
      throws WireException {
    if (expected != null && !expected.equals(addressed)) {
      throw new WireException(
          Reason.WRONG_RECIPIENT,
          "Envelope is addressed to " + what + " '" + addressed + "', not to " + expected + ".");
    }
  }

  private static WireException replayed(Header h) {
    return new WireException(
        Reason.REPLAYED_MESSAGE,
        "Message id " + h.getMessageId() + " was already accepted; a replay is refused.");
  }

  private static void checkShape(Envelope e, Header h) throws WireException {
    String problem = null;
    if (hasUnknownFields(e)) {
      problem = "it carries fields outside the signed content that version 1 does not define";
    } else if (!MESSAGE_ID.matcher(h.getMessageId()).matches()) {
      problem = "message id must be 32 lower-case hex digits";
    } else if (h.getSenderAgency().isEmpty() || h.getRecipientAgency().isEmpty()) {
      problem = "sender and recipient agency are required";
    } else if (!e.hasSignature() || e.getSignature().getSignerCertificate().isEmpty()) {
      problem = "the signature and signer certificate are required";
    } else if (e.getSignature().getKindCase()
        == org.liaison.wire.v1.Signature.KindCase.KIND_NOT_SET) {
      problem = "the signature is empty";
    } else if (h.hasSession()) {
      if (!e.getEnc().isEmpty() || h.getSession().getSessionId().size() != Sha256.LENGTH) {
        problem = "a session envelope carries a 32-byte session id and no top-level enc";
      }
    } else if (e.getEnc().size() != Hpke.ENC_LENGTH) {
      problem = "a single-shot envelope carries a 65-byte enc";
    }
    if (!h.getRequestHash().isEmpty() && h.getRequestHash().size() != Sha256.LENGTH) {
      problem = "request_hash must be a SHA-256";
    }
    if (problem != null) {
      throw new WireException(Reason.MALFORMED_ENVELOPE, "Malformed envelope: " + problem + ".");
    }
  }

  // Unknown fields outside the header are covered by no signature, yet a gateway would relay
  // them: refuse them. (Unknown header fields are signed and so allowed.)
  private static boolean hasUnknownFields(Envelope e) {
    org.liaison.wire.v1.Signature s = e.getSignature();
    return !e.getUnknownFields().asMap().isEmpty()
        || !s.getUnknownFields().asMap().isEmpty()
        || !s.getBatch().getUnknownFields().asMap().isEmpty();
  }

  private CertificateFacts verifySignature(Envelope e, Header h, byte[] signedHash)
      throws WireException {
    CertificateFacts facts;
    try {
      // parsed once per distinct certificate, its public key decoded and checked then
      facts = CertificateFacts.parse(e.getSignature().getSignerCertificate());
    } catch (CertificateException | RuntimeException ex) {
      throw badSignature(h, "the signer certificate cannot be parsed");
    }
    X509Certificate cert = facts.certificate();
    String keyId = facts.fingerprint();
    if (!keyId.equals(h.getSignerKeyId())) {
      throw badSignature(h, "the header's signer key id does not match the signer certificate");
    }
    boolean ok =
        switch (e.getSignature().getKindCase()) {
          case SINGLE ->
              Ecdsa.verifyDigest(
                  cert.getPublicKey(), signedHash, e.getSignature().getSingle().toByteArray());
          case BATCH -> verifyBatch(cert, keyId, e.getSignature().getBatch(), e);
          default -> false;
        };
    if (!ok) {
      throw badSignature(h, "the signature does not verify over the envelope as received");
    }
    return facts;
  }

  /**
   * A batch root verified once. The signature bytes are part of the key: a root verified once must
   * not let another envelope of the batch through with altered signature bytes.
   */
  private record VerifiedRoot(String keyId, long treeSize, ByteString root, ByteString signature) {}

  private boolean verifyBatch(X509Certificate cert, String keyId, BatchSignature b, Envelope e) {
    List<byte[]> path = new ArrayList<>(b.getAuditPathCount());
    for (ByteString p : b.getAuditPathList()) {
      if (p.size() != Sha256.LENGTH) {
        return false;
      }
      path.add(p.toByteArray());
    }
    Optional<byte[]> root =
        MerkleTree.rootFromInclusionProof(
            SignedContent.leafHash(e), b.getLeafIndex(), b.getTreeSize(), path);
    if (root.isEmpty() || b.getTreeSize() <= 0) {
      return false;
    }
    VerifiedRoot cacheKey =
        new VerifiedRoot(
            keyId,
            b.getTreeSize(),
            UnsafeByteOperations.unsafeWrap(root.get()), // a fresh array no one else holds
            b.getRootSignature());
    synchronized (verifiedRoots) {
      if (verifiedRoots.containsKey(cacheKey)) {
        return true;
      }
    }
    boolean ok =
        Ecdsa.verify(
            cert.getPublicKey(),
            SignedContent.batchRoot(b.getTreeSize(), root.get()),
            b.getRootSignature().toByteArray());
    if (ok) {
      synchronized (verifiedRoots) {
        verifiedRoots.put(cacheKey, Boolean.TRUE);
      }
    }
    return ok;
  }

  private static WireException badSignature(Header h, String why) {
    return new WireException(
        Reason.SIGNATURE_INVALID,
        "Signature of envelope "
            + h.getMessageId()
            + " from "
            + h.getSenderAgency()
            + " is invalid: "
            + why
            + ". The envelope was altered or forged.");
  }

  static boolean sameHash(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  /** Configures a verifier. */
  public static final class Builder {
    private final TrustDirectory trust;
    private Clock clock = Clock.systemUTC();
    private Duration maxSkew = Duration.ofSeconds(30);
    private ReplayGuard replay;
    private String recipientAgency;

    private Builder(TrustDirectory trust) {
      this.trust = trust;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How far in the future a creation time may lie (default 30 s). */
    public Builder maxClockSkew(Duration maxSkew) {
      this.maxSkew = maxSkew;
      return this;
    }

    /** The replay guard; its window is also the oldest creation time accepted. */
    public Builder replayGuard(ReplayGuard replay) {
      this.replay = replay;
      return this;
    }

    /** Refuse envelopes not addressed to this agency (a receiving gateway sets its own). */
    public Builder recipientAgency(String agency) {
      this.recipientAgency = agency;
      return this;
    }

    public EnvelopeVerifier build() {
      return new EnvelopeVerifier(this);
    }
  }
}
