package org.liaison.wire.oprf;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bit changes between two generations of a holder's {@link PrfFilter}: positions that became
 * set (entries added) and cleared (entries removed). A partner applies deltas in order; a gap means
 * it asks for the full filter.
 *
 * <p>Wire format, version 1 (big-endian): {@code 0x01 | bits (4) | from (8) | to (8) | nSet (4) |
 * set positions (4 each) | nCleared (4) | cleared positions (4 each)}.
 */
public final class PrfFilterDelta {
  private final int bitCount;
  private final long fromGeneration;
  private final long toGeneration;
  private final int[] setPositions;
  private final int[] clearedPositions;

  PrfFilterDelta(
      int bitCount,
      long fromGeneration,
      long toGeneration,
      int[] setPositions,
      int[] clearedPositions) {
    this.bitCount = bitCount;
    this.fromGeneration = fromGeneration;
    this.toGeneration = toGeneration;
    this.setPositions = setPositions;
    this.clearedPositions = clearedPositions;
  }

  public long fromGeneration() {
    return fromGeneration;
  }

  public long toGeneration() {
    return toGeneration;
  }

  /** The size of the filter this delta is for. */
  public int bitCount() {
    return bitCount;
  }

  public boolean isEmpty() {
    return setPositions.length == 0 && clearedPositions.length == 0;
  }

  int[] setPositions() {
    return setPositions;
  }

  int[] clearedPositions() {
    return clearedPositions;
  }

  /** Number of bit positions changed. */
  public int changeCount() {
    return setPositions.length + clearedPositions.length;
  }

  public byte[] toBytes() {
    ByteBuffer b =
        ByteBuffer.allocate(
            1 + 4 + 8 + 8 + 4 + 4 * setPositions.length + 4 + 4 * clearedPositions.length);
    b.put(PrfFilter.VERSION).putInt(bitCount).putLong(fromGeneration).putLong(toGeneration);
    b.putInt(setPositions.length);
    for (int p : setPositions) {
      b.putInt(p);
    }
    b.putInt(clearedPositions.length);
    for (int p : clearedPositions) {
      b.putInt(p);
    }
    return b.array();
  }

  /**
   * Parses {@link #toBytes()} output. Positions are checked against the filter when applied.
   *
   * @throws OprfException {@code UNSUPPORTED_VERSION} or {@code INVALID_ARGUMENT}
   */
  public static PrfFilterDelta fromBytes(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      byte version = b.get();
      if (version != PrfFilter.VERSION) {
        throw new OprfException(
            org.liaison.wire.v1.Reason.UNSUPPORTED_VERSION,
            "PRF filter delta format version "
                + version
                + " is not supported; this node reads version "
                + PrfFilter.VERSION);
      }
      int bits = b.getInt();
      long from = b.getLong();
      long to = b.getLong();
      int[] set = readPositions(b);
      int[] cleared = readPositions(b);
      if (b.hasRemaining() || to < from || (to == from && set.length + cleared.length > 0)) {
        throw OprfException.invalid(
            "PRF filter delta is malformed (trailing bytes or generations out of order)");
      }
      return new PrfFilterDelta(bits, from, to, set, cleared);
    } catch (BufferUnderflowException e) {
      throw OprfException.invalid("PRF filter delta bytes are truncated");
    }
  }

  private static int[] readPositions(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining() / 4) {
      throw OprfException.invalid("PRF filter delta announces " + n + " positions but holds fewer");
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = b.getInt();
    }
    return out;
  }

  @Override
  public String toString() {
    return "PrfFilterDelta["
        + fromGeneration
        + "->"
        + toGeneration
        + ", set="
        + setPositions.length
        + ", cleared="
        + clearedPositions.length
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrfFilterDelta d
        && d.bitCount == bitCount
        && d.fromGeneration == fromGeneration
        && d.toGeneration == toGeneration
        && Arrays.equals(d.setPositions, setPositions)
        && Arrays.equals(d.clearedPositions, clearedPositions);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(toGeneration) * 31 + Arrays.hashCode(setPositions);
  }
}
