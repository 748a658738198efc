package org.liaison.wire.envelope;

import com.google.protobuf.InvalidProtocolBufferException;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.liaison.wire.crypto.Hpke;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.Reason;

/**
 * The recipient node's side: every check of {@link EnvelopeVerifier}, plus that the envelope is for
 * this node and its current encryption key, that an answer is bound to its request, and then
 * decryption (single-shot or session). Thread-safe.
 */
public final class EnvelopeOpener {

  private final NodeCredentials self;
  private final EnvelopeVerifier verifier;
  private final Hpke.RecipientKey key;
  private final ReceiverSessions sessions;
  private final String keyId;

  private EnvelopeOpener(Builder b) throws InvalidKeyException {
    this.self = b.self;
    EnvelopeVerifier.Builder vb =
        EnvelopeVerifier.builder(b.trust).clock(b.clock).maxClockSkew(b.maxSkew);
    if (b.replay != null) {
      vb.replayGuard(b.replay);
    }
    this.verifier = vb.build();
    this.key = Hpke.recipientKey(self.encryptionKey(), self.encryptionCertificate().getPublicKey());
    this.sessions = new ReceiverSessions(b.sessionPolicy, b.clock, key);
    this.keyId = Certificates.fingerprint(self.encryptionCertificate());
  }

  public static Builder builder(NodeCredentials self, TrustDirectory trust) {
    return new Builder(self, trust);
  }

  /**
   * Opens a request. An envelope that carries a request hash is an answer and is refused here with
   * ANSWER_NOT_BOUND_TO_REQUEST: open it with {@link #openAnswer}.
   */
  public OpenedEnvelope open(Envelope envelope) throws WireException {
    return open(envelope, null);
  }

  /**
   * Opens an answer, refusing it with ANSWER_NOT_BOUND_TO_REQUEST unless its request hash equals
   * {@code requestSignedContentHash} (the {@link OpenedEnvelope#signedContentHash()} of our
   * request, or SHA-256 of its signed content as we sent it).
   */
  public OpenedEnvelope openAnswer(Envelope envelope, byte[] requestSignedContentHash)
      throws WireException {
    return open(envelope, requestSignedContentHash.clone());
  }

  /**
   * The header as the sender wrote it, NOT verified: only for routing and for finding which pending
   * request an answer claims to answer before calling {@link #openAnswer}.
   */
  public static Optional<Header> unverifiedHeader(Envelope envelope) {
    try {
      return Optional.of(Header.parseFrom(envelope.getHeader()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private OpenedEnvelope open(Envelope envelope, byte[] expectedRequestHash) throws WireException {
    EnvelopeVerifier.Checked c =
        verifier.check(
            envelope, new EnvelopeVerifier.Expectation(self.agency(), self.node(), keyId));
    byte[] requestHash = c.header().getRequestHash().toByteArray();
    if (expectedRequestHash == null && requestHash.length > 0) {
      throw new WireException(
          Reason.ANSWER_NOT_BOUND_TO_REQUEST,
          "Envelope "
              + c.header().getMessageId()
              + " is an answer; open it against the request"
              + " it answers.");
    }
    if (expectedRequestHash != null
        && !EnvelopeVerifier.sameHash(requestHash, expectedRequestHash)) {
      throw new WireException(
          Reason.ANSWER_NOT_BOUND_TO_REQUEST,
          "Answer "
              + c.header().getMessageId()
              + " is not bound to the request it was opened"
              + " against: it was moved from another request.");
    }
    verifier.commit(c);
    byte[] payload = decrypt(c);
    return new OpenedEnvelope(c.header(), payload, c.signer(), c.signedHash());
  }

  private byte[] decrypt(EnvelopeVerifier.Checked c) throws WireException {
    if (c.header().hasSession()) {
      return sessions.open(c.header().getSession(), c.headerBytes(), c.ciphertext());
    }
    try {
      return Hpke.open(c.enc(), key, SignedContent.INFO_SINGLE, c.headerBytes(), c.ciphertext());
    } catch (InvalidKeyException | AEADBadTagException e) {
      throw new WireException(
          Reason.DECRYPTION_FAILED,
          "The payload of envelope "
              + c.header().getMessageId()
              + " does not decrypt with this"
              + " node's key; it was altered or sealed to another key.");
    }
  }

  /** Configures an opener. */
  public static final class Builder {
    private final NodeCredentials self;
    private final TrustDirectory trust;
    private Clock clock = Clock.systemUTC();
    private Duration maxSkew = Duration.ofSeconds(30);
    private ReplayGuard replay;
    private SessionPolicy sessionPolicy = SessionPolicy.defaults();

    private Builder(NodeCredentials self, TrustDirectory trust) {
      this.self = self;
      this.trust = trust;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder maxClockSkew(Duration maxSkew) {
      this.maxSkew = maxSkew;
      return this;
    }

    public Builder replayGuard(ReplayGuard replay) {
      this.replay = replay;
      return this;
    }

    public Builder sessionPolicy(SessionPolicy policy) {
      this.sessionPolicy = policy;
      return this;
    }

    /**
     * @throws WireException if this node's encryption key is not a usable P-256 key pair
     */
    public EnvelopeOpener build() throws WireException {
      try {
        return new EnvelopeOpener(this);
      } catch (InvalidKeyException e) {
        throw new WireException(
            Reason.INTERNAL, "This node's encryption key pair is not a usable P-256 key pair.", e);
      }
    }
  }
}
