package org.liaison.wire.oprf;

/**
 * Where an entry's bits are in a Bloom filter of {@code bits} bits and {@code hashes} probes.
 * Entries are PRF outputs, already uniform, so the probes are derived from three 64-bit slices of
 * the entry (enhanced double hashing, Dillinger and Manolios) and no further hashing is needed.
 */
final class BloomLayout {
  static final int ENTRY_LENGTH = OprfClient.OUTPUT_LENGTH;

  final int bits;
  final int hashes;

  BloomLayout(int bits, int hashes) {
    if (bits < 64 || hashes < 1 || hashes > 64) {
      throw OprfException.invalid("a filter needs at least 64 bits and 1 to 64 hash probes");
    }
    this.bits = bits;
    this.hashes = hashes;
  }

  /** Bits and probes for {@code entries} at false-positive rate {@code p}. */
  static BloomLayout forCapacity(long entries, double p) {
    if (entries < 1 || !(p > 0 && p < 1)) {
      throw OprfException.invalid(
          "a filter needs a positive capacity and a false-positive rate strictly between 0 and 1");
    }
    double ln2 = Math.log(2);
    double m = Math.ceil(-entries * Math.log(p) / (ln2 * ln2));
    if (m > Integer.MAX_VALUE - 64) {
      throw OprfException.invalid(
          "a filter for "
              + entries
              + " entries at rate "
              + p
              + " would exceed 2^31 bits; split the target set or relax the rate");
    }
    int bits = Math.max(64, (int) m);
    int hashes = (int) Math.max(1, Math.min(64, Math.round(bits / (double) entries * ln2)));
    return new BloomLayout(bits, hashes);
  }

  /** Calls {@code sink} with each of the entry's probe positions. */
  void positions(byte[] entry, PositionSink sink) {
    if (entry == null || entry.length != ENTRY_LENGTH) {
      throw OprfException.invalid("a filter entry must be a 32-byte OPRF output");
    }
    long a = slice(entry, 0);
    long b = slice(entry, 8);
    long c = slice(entry, 16);
    for (int i = 0; i < hashes; i++) {
      sink.accept((int) Long.remainderUnsigned(a, bits));
      a += b;
      b += c + i;
    }
  }

  @FunctionalInterface
  interface PositionSink {
    void accept(int position);
  }

  private static long slice(byte[] e, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (e[off + i] & 0xFF);
    }
    return v;
  }
}
