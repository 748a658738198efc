package org.liaison.wire.envelope;

import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.liaison.wire.crypto.Hpke;
import org.liaison.wire.crypto.Sha256;

/** The sender's sessions, one per recipient encryption key, re-keyed by {@link SessionPolicy}. */
final class SenderSessions {

  /** One message's slot in a session. */
  record Slot(SessionKeys keys, byte[] sessionId, byte[] enc, long sequence) {}

  private static final class Session {
    final SessionKeys keys;
    final byte[] enc;
    final byte[] id;
    final long createdMs;
    long next;

    Session(SessionKeys keys, byte[] enc, long createdMs) {
      this.keys = keys;
      this.enc = enc;
      this.id = Sha256.digest(enc);
      this.createdMs = createdMs;
    }
  }

  private final SessionPolicy policy;
  private final Clock clock;
  private final Map<String, Session> byRecipientKey = new HashMap<>();

  SenderSessions(SessionPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  /** Reserves the next sequence number towards this recipient key, re-keying when due. */
  synchronized Slot next(String recipientKeyId, PublicKey recipient) throws InvalidKeyException {
    long now = clock.millis();
    Session s = byRecipientKey.get(recipientKeyId);
    if (s == null
        || s.next >= policy.maxMessages()
        || now - s.createdMs >= policy.maxAge().toMillis()) {
      Hpke.SenderContext ctx = Hpke.setupBaseS(recipient, SignedContent.INFO_SESSION);
      s = new Session(SessionKeys.from(ctx::export), ctx.enc(), now);
      byRecipientKey.put(recipientKeyId, s);
    }
    return new Slot(s.keys, s.id, s.enc, s.next++);
  }
}
