package org.liaison.wire.merkle;

import java.util.List;

/**
 * The hash of a perfect subtree of a log's Merkle tree: leaves [from, from + size), where size is a
 * power of two and from a multiple of it. Proofs ({@link MerkleTree}) need nothing else.
 */
@FunctionalInterface
public interface SubtreeHashes {

  byte[] perfect(long from, long size);

  /** Computed from the leaf hashes (O(size) hashing per subtree): for lists held in memory. */
  static SubtreeHashes ofLeaves(List<byte[]> leafHashes) {
    return (from, size) -> MerkleTree.mth(leafHashes, (int) from, (int) (from + size));
  }

  /**
   * Read from what a log stores next to each entry: its leaf hash and the {@link MerkleFrontier}
   * after it. Each perfect subtree at an even position among its equals is the smallest root of the
   * frontier after its last leaf; one at an odd position is its two children hashed, the left one
   * at an even position. So a subtree of 2^k leaves costs at most k + 1 reads.
   */
  static SubtreeHashes ofFrontiers(LogHashes log) {
    return new SubtreeHashes() {
      @Override
      public byte[] perfect(long from, long size) {
        if (size == 1) {
          return log.leafHash(from);
        }
        if ((from / size) % 2 == 0) {
          List<byte[]> frontier = log.frontierAfter(from + size);
          return frontier.get(frontier.size() - 1);
        }
        long half = size / 2;
        return MerkleTree.nodeHash(perfect(from, half), perfect(from + half, half));
      }
    };
  }

  /** What a log stores per entry, read by index. */
  interface LogHashes {
    /** The leaf hash of entry {@code index}. */
    byte[] leafHash(long index);

    /** {@link MerkleFrontier#hashes()} of the tree of the first {@code size} entries. */
    List<byte[]> frontierAfter(long size);
  }
}
