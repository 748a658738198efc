package org.liaison.wire.oprf;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The compact set of a partner's PRF values that a querying node tests locally: a Bloom filter over
 * 32-byte OPRF outputs, immutable (lookups need no lock; {@link #apply} returns a new filter).
 * Built and maintained by the holder with {@link PrfFilterBuilder}.
 *
 * <p>Wire format, version 1 (big-endian): {@code 0x01 | hashes (1) | bits (4) | generation (8) |
 * bit array (ceil(bits / 64) longs)}. The generation numbers the holder's commits, so a {@link
 * PrfFilterDelta} applies only to the generation it was made from.
 */
public final class PrfFilter {
  static final byte VERSION = 1;
  private static final int HEADER = 1 + 1 + 4 + 8;

  private final BloomLayout layout;
  private final long generation;
  private final long[] words;

  PrfFilter(BloomLayout layout, long generation, long[] words) {
    this.layout = layout;
    this.generation = generation;
    this.words = words;
  }

  /** True if the entry may be in the set; false means it certainly is not. */
  public boolean mightContain(byte[] prfOutput) {
    boolean[] all = {true};
    layout.positions(prfOutput, pos -> all[0] &= (words[pos >>> 6] & (1L << pos)) != 0);
    return all[0];
  }

  /** The holder's commit number this filter reflects. */
  public long generation() {
    return generation;
  }

  public int bitCount() {
    return layout.bits;
  }

  public int hashCount() {
    return layout.hashes;
  }

  /** Estimated false-positive rate at the current fill: (set bits / bits)^hashes. */
  public double estimatedFalsePositiveRate() {
    long ones = 0;
    for (long w : words) {
      ones += Long.bitCount(w);
    }
    return Math.pow(ones / (double) layout.bits, layout.hashes);
  }

  /** Size of {@link #toBytes()} in bytes. */
  public int serializedSize() {
    return HEADER + words.length * 8;
  }

  /**
   * The filter after a delta from the holder.
   *
   * @throws OprfException {@code INVALID_ARGUMENT} if the delta was made from another generation or
   *     another layout: ask the holder for a full filter
   */
  public PrfFilter apply(PrfFilterDelta delta) {
    if (delta.bitCount() != layout.bits) {
      throw OprfException.invalid(
          "filter delta is for a "
              + delta.bitCount()
              + "-bit filter, this one has "
              + layout.bits
              + " bits; request the full filter");
    }
    if (delta.fromGeneration() != generation) {
      throw OprfException.invalid(
          "filter delta "
              + delta.fromGeneration()
              + "->"
              + delta.toGeneration()
              + " does not apply to generation "
              + generation
              + "; request the full filter");
    }
    long[] copy = words.clone();
    for (int pos : delta.setPositions()) {
      checkPosition(pos);
      copy[pos >>> 6] |= 1L << pos;
    }
    for (int pos : delta.clearedPositions()) {
      checkPosition(pos);
      copy[pos >>> 6] &= ~(1L << pos);
    }
    return new PrfFilter(layout, delta.toGeneration(), copy);
  }

  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(serializedSize());
    b.put(VERSION).put((byte) layout.hashes).putInt(layout.bits).putLong(generation);
    b.asLongBuffer().put(words);
    return b.array();
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws OprfException {@code UNSUPPORTED_VERSION} for another format version, {@code
   *     INVALID_ARGUMENT} if the bytes are truncated or inconsistent
   */
  public static PrfFilter fromBytes(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      byte version = b.get();
      if (version != VERSION) {
        throw new OprfException(
            org.liaison.wire.v1.Reason.UNSUPPORTED_VERSION,
            "PRF filter format version "
                + version
                + " is not supported; this node reads version "
                + VERSION);
      }
      int hashes = b.get() & 0xFF;
      BloomLayout layout = new BloomLayout(b.getInt(), hashes);
      long generation = b.getLong();
      // checked before allocating: the header alone must not make us reserve 256 MiB
      long expected = wordsFor(layout.bits) * 8L;
      if (b.remaining() != expected) {
        throw OprfException.invalid(
            "PRF filter has " + b.remaining() + " bytes of bits; expected " + expected);
      }
      long[] words = new long[wordsFor(layout.bits)];
      b.asLongBuffer().get(words);
      return new PrfFilter(layout, generation, words);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw OprfException.invalid("PRF filter bytes are truncated");
    }
  }

  static int wordsFor(int bits) {
    return (bits + 63) >>> 6;
  }

  BloomLayout layout() {
    return layout;
  }

  private void checkPosition(int pos) {
    if (pos < 0 || pos >= layout.bits) {
      throw OprfException.invalid(
          "filter delta names bit " + pos + " outside 0.." + (layout.bits - 1));
    }
  }
}
