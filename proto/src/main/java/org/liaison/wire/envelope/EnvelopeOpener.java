package org.liaison.wire.envelope;

import com.google.protobuf.InvalidProtocolBufferException;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
  private final SessionPolicy sessionPolicy;
  private final Clock clock;

  /** One encryption key this node opens with, and the sessions partners started under it. */
  private record KeySlot(String keyId, Hpke.RecipientKey key, ReceiverSessions sessions) {}

  /** The current key first, then keys this node rotated away from while running. */
  private volatile List<KeySlot> keys;

  private volatile Set<String> keyIds;

  private EnvelopeOpener(Builder b) throws InvalidKeyException {
    this.self = b.self;
    this.verifier = b.verifier.build();
    this.sessionPolicy = b.sessionPolicy;
    this.clock = b.clock;
    install(List.of(slot(self)));
  }

  private KeySlot slot(NodeCredentials c) throws InvalidKeyException {
    Hpke.RecipientKey key =
        Hpke.recipientKey(c.encryptionKey(), c.encryptionCertificate().getPublicKey());
    return new KeySlot(
        Certificates.fingerprint(c.encryptionCertificate()),
        key,
        new ReceiverSessions(sessionPolicy, clock, key));
  }

  private void install(List<KeySlot> slots) {
    this.keys = List.copyOf(slots);
    this.keyIds = slots.stream().map(KeySlot::keyId).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Opens with {@code next}'s encryption key from now on, and keeps opening with the keys before it
   * (their sessions too): partners that have not yet re-read the directory, and envelopes already
   * in flight, were sealed to them (decision 0028). {@code next} must be this node's.
   */
  public synchronized void addKey(NodeCredentials next) throws WireException {
    if (!next.agency().equals(self.agency()) || !next.node().equals(self.node())) {
      throw new WireException(
          Reason.INTERNAL, "The new credentials are not this node's (" + self + ").");
    }
    String id = Certificates.fingerprint(next.encryptionCertificate());
    if (keys.get(0).keyId().equals(id)) {
      return;
    }
    List<KeySlot> slots = new ArrayList<>();
    try {
      slots.add(slot(next));
    } catch (InvalidKeyException e) {
      throw new WireException(
          Reason.INTERNAL, "The new encryption key pair is not a usable P-256 key pair.", e);
    }
    keys.stream().filter(k -> !k.keyId().equals(id)).forEach(slots::add);
    install(slots);
  }

  /** The fingerprints of the encryption certificates this node opens with, current first. */
  public List<String> keyIds() {
    return keys.stream().map(KeySlot::keyId).toList();
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
            envelope, new EnvelopeVerifier.Expectation(self.agency(), self.node(), keyIds));
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
    KeySlot slot = slotFor(c.header().getRecipientKeyId());
    Envelope sealed = c.envelope();
    byte[] headerBytes = sealed.getHeader().toByteArray();
    byte[] ciphertext = sealed.getCiphertext().toByteArray();
    if (c.header().hasSession()) {
      return slot.sessions().open(c.header().getSession(), headerBytes, ciphertext);
    }
    try {
      return Hpke.open(
          sealed.getEnc().toByteArray(),
          slot.key(),
          SignedContent.INFO_SINGLE,
          headerBytes,
          ciphertext);
    } catch (InvalidKeyException | AEADBadTagException e) {
      throw new WireException(
          Reason.DECRYPTION_FAILED,
          "The payload of envelope "
              + c.header().getMessageId()
              + " does not decrypt with this"
              + " node's key; it was altered or sealed to another key.");
    }
  }

  private KeySlot slotFor(String keyId) throws WireException {
    for (KeySlot k : keys) {
      if (k.keyId().equals(keyId)) {
        return k;
      }
    }
    // the verifier has checked the key id against the same set: only a concurrent change gets here
    throw new WireException(
        Reason.WRONG_RECIPIENT,
        "Envelope is sealed to encryption key " + keyId + ", which this node does not hold.");
  }

  /**
   * Configures an opener: the checks it shares with {@link EnvelopeVerifier} are configured on the
   * verifier's own builder, so their defaults are defined once.
   */
  public static final class Builder {
    private final NodeCredentials self;
    private final EnvelopeVerifier.Builder verifier;
    private Clock clock = Clock.systemUTC();
    private SessionPolicy sessionPolicy = SessionPolicy.defaults();

    private Builder(NodeCredentials self, TrustDirectory trust) {
      this.self = self;
      this.verifier = EnvelopeVerifier.builder(trust).clock(clock);
    }

    /** The clock of the envelope checks and of the sessions' lifetimes. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      verifier.clock(clock);
      return this;
    }

    /** As {@link EnvelopeVerifier.Builder#maxClockSkew}. */
    public Builder maxClockSkew(Duration maxSkew) {
      verifier.maxClockSkew(maxSkew);
      return this;
    }

    /** As {@link EnvelopeVerifier.Builder#replayGuard}. */
    public Builder replayGuard(ReplayGuard replay) {
      verifier.replayGuard(replay);
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
