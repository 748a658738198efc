package org.liaison.wire.envelope;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.util.encoders.Hex;
import org.liaison.wire.crypto.Hpke;
import org.liaison.wire.crypto.Sha256;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.SessionRef;

/**
 * The receiver's sessions keyed by session id, bounded (least recently used is dropped). Each
 * accepts a sequence number once, out of order within the reorder window.
 */
final class ReceiverSessions {

  private static final class Session {
    final SessionKeys keys;
    final long createdMs;
    final BitSet seen = new BitSet();
    long highest = -1;

    Session(SessionKeys keys, long createdMs) {
      this.keys = keys;
      this.createdMs = createdMs;
    }
  }

  private final SessionPolicy policy;
  private final Clock clock;
  private final Hpke.RecipientKey key;
  private final Map<String, Session> sessions;
  // Ids of sessions that reached their age limit: refused even though their enc is repeated.
  private final Map<String, Boolean> retired;

  ReceiverSessions(SessionPolicy policy, Clock clock, Hpke.RecipientKey key) {
    this.policy = policy;
    this.clock = clock;
    this.key = key;
    this.sessions =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > policy.maxSessions();
          }
        };
    this.retired =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > policy.maxSessions();
          }
        };
  }

  byte[] open(SessionRef ref, byte[] aad, byte[] ciphertext) throws WireException {
    long seq = ref.getSequence();
    if (seq < 0 || seq >= policy.maxMessages()) {
      throw new WireException(
          Reason.UNKNOWN_SESSION,
          "Session sequence "
              + Long.toUnsignedString(seq)
              + " is beyond the session limit;"
              + " the sender must start a new session.");
    }
    Session s = session(ref);
    byte[] plaintext;
    try {
      plaintext = s.keys.open(seq, aad, ciphertext);
    } catch (AEADBadTagException e) {
      throw new WireException(
          Reason.DECRYPTION_FAILED,
          "The payload does not decrypt under its session; it was altered or sealed to another"
              + " key.");
    }
    accept(s, seq);
    return plaintext;
  }

  private Session session(SessionRef ref) throws WireException {
    String id = Hex.toHexString(ref.getSessionId().toByteArray());
    long now = clock.millis();
    synchronized (sessions) {
      Session s = sessions.get(id);
      if (s != null && now - s.createdMs >= policy.maxAge().toMillis()) {
        sessions.remove(id);
        retired.put(id, Boolean.TRUE);
      }
      if (retired.containsKey(id)) {
        throw new WireException(
            Reason.UNKNOWN_SESSION, "Session " + id + " has expired; the sender must re-key.");
      }
      if (s != null) {
        return s;
      }
    }
    byte[] enc = ref.getEnc().toByteArray();
    if (enc.length == 0) {
      throw new WireException(
          Reason.UNKNOWN_SESSION,
          "Session "
              + id
              + " is not known here (expired or never started); the sender must"
              + " re-key.");
    }
    if (!MessageDigest.isEqual(Sha256.digest(enc), ref.getSessionId().toByteArray())) {
      throw new WireException(
          Reason.MALFORMED_ENVELOPE, "Session id is not the SHA-256 of the session's enc.");
    }
    Session fresh;
    try {
      Hpke.ReceiverContext ctx = Hpke.setupBaseR(enc, key, SignedContent.INFO_SESSION);
      fresh = new Session(SessionKeys.from(ctx::export), now);
    } catch (InvalidKeyException e) {
      throw new WireException(
          Reason.DECRYPTION_FAILED, "The session's encapsulated key is not valid.", e);
    }
    synchronized (sessions) {
      Session raced = sessions.putIfAbsent(id, fresh);
      return raced != null ? raced : fresh;
    }
  }

  private void accept(Session s, long seq) throws WireException {
    synchronized (s) {
      int window = policy.reorderWindow();
      if (seq <= s.highest - window
          || s.seen.get(bit(seq, window)) && seq > s.highest - window && seq <= s.highest) {
        throw new WireException(
            Reason.REPLAYED_MESSAGE,
            "Session sequence " + seq + " was already used or is too old for the reorder window.");
      }
      if (seq > s.highest) {
        for (long i = Math.max(s.highest + 1, seq - window + 1); i < seq; i++) {
          s.seen.clear(bit(i, window));
        }
        if (seq - s.highest >= window) {
          s.seen.clear();
        }
        s.highest = seq;
      }
      s.seen.set(bit(seq, window));
    }
  }

  private static int bit(long seq, int window) {
    return (int) (seq % window);
  }
}
