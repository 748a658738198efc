package org.liaison.wire.oprf;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Servers' public keys as points, decoded once per key rather than once per proof: a partner's key
 * stays the same for a filter generation, and the same point object keeps the multiples of it that
 * BouncyCastle precomputes for the proof's double multiplication. Bounded: past {@value #MAX} keys
 * it starts again empty.
 */
final class DecodedKeys {
  static final int MAX = 256;

  private final Map<ByteBuffer, ECPoint> points = new ConcurrentHashMap<>();

  /**
   * The key's point; throws as {@link OprfGroup#deserializeElement} does (and keeps nothing) when
   * the bytes are not a valid element.
   */
  ECPoint point(byte[] encoded) {
    if (encoded == null) {
      return OprfGroup.deserializeElement(null);
    }
    ByteBuffer key = ByteBuffer.wrap(encoded.clone());
    ECPoint known = points.get(key);
    if (known != null) {
      return known;
    }
    ECPoint decoded = OprfGroup.deserializeElement(encoded);
    if (points.size() >= MAX) {
      points.clear();
    }
    ECPoint kept = points.putIfAbsent(key, decoded);
    return kept == null ? decoded : kept;
  }
}
