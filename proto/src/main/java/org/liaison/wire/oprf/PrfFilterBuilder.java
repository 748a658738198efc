package org.liaison.wire.oprf;

import java.util.BitSet;

/**
 * The holder's side of a {@link PrfFilter}: a counting Bloom filter (one 8-bit counter per bit) so
 * entries can be removed, plus the last published bit array so each {@link #commit()} yields a
 * small {@link PrfFilterDelta}. Partners only ever receive the plain bit array (count > 0), never
 * the counters. Not thread-safe: one writer.
 *
 * <p>A counter that reaches 255 sticks there (never decremented), which keeps the no-false-negative
 * guarantee; at the designed load the expected counter is below 1.
 */
public final class PrfFilterBuilder {
  /** Default false-positive rate: one spurious claim per million probes. */
  public static final double DEFAULT_FALSE_POSITIVE_RATE = 1e-6;

  private final BloomLayout layout;
  private final byte[] counters;
  private final long[] published;
  private final BitSet dirty;
  private long generation;
  private long entries;

  /** A builder sized for {@code expectedEntries} at {@link #DEFAULT_FALSE_POSITIVE_RATE}. */
  public PrfFilterBuilder(long expectedEntries) {
    this(expectedEntries, DEFAULT_FALSE_POSITIVE_RATE);
  }

  public PrfFilterBuilder(long expectedEntries, double falsePositiveRate) {
    this.layout = BloomLayout.forCapacity(expectedEntries, falsePositiveRate);
    this.counters = new byte[layout.bits];
    this.published = new long[PrfFilter.wordsFor(layout.bits)];
    this.dirty = new BitSet(layout.bits);
  }

  /** Adds a 32-byte OPRF output (adding it twice needs two removals). */
  public void add(byte[] prfOutput) {
    layout.positions(
        prfOutput,
        pos -> {
          int c = counters[pos] & 0xFF;
          if (c < 255) {
            counters[pos] = (byte) (c + 1);
          }
          dirty.set(pos);
        });
    entries++;
  }

  /**
   * Removes an entry previously added.
   *
   * @return false (and changes nothing) if the entry is certainly not in the filter
   */
  public boolean remove(byte[] prfOutput) {
    boolean[] present = {true};
    layout.positions(prfOutput, pos -> present[0] &= counters[pos] != 0);
    if (!present[0]) {
      return false;
    }
    layout.positions(
        prfOutput,
        pos -> {
          int c = counters[pos] & 0xFF;
          if (c < 255) {
            counters[pos] = (byte) (c - 1);
          }
          dirty.set(pos);
        });
    entries--;
    return true;
  }

  /** Entries added and not removed. */
  public long entryCount() {
    return entries;
  }

  /**
   * Publishes the changes since the last commit as a new generation and returns them as a delta
   * (empty, with no new generation, if nothing changed).
   */
  public PrfFilterDelta commit() {
    int[] set = new int[dirty.cardinality()];
    int[] cleared = new int[set.length];
    int ns = 0;
    int nc = 0;
    for (int pos = dirty.nextSetBit(0); pos >= 0; pos = dirty.nextSetBit(pos + 1)) {
      boolean now = counters[pos] != 0;
      boolean was = (published[pos >>> 6] & (1L << pos)) != 0;
      if (now && !was) {
        set[ns++] = pos;
        published[pos >>> 6] |= 1L << pos;
      } else if (!now && was) {
        cleared[nc++] = pos;
        published[pos >>> 6] &= ~(1L << pos);
      }
    }
    dirty.clear();
    long from = generation;
    if (ns + nc > 0) {
      generation++;
    }
    return new PrfFilterDelta(
        layout.bits,
        from,
        generation,
        java.util.Arrays.copyOf(set, ns),
        java.util.Arrays.copyOf(cleared, nc));
  }

  /** The filter as of the last {@link #commit()}: what a partner gets for a full refresh. */
  public PrfFilter published() {
    return new PrfFilter(layout, generation, published.clone());
  }
}
