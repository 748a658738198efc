package org.liaison.wire.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact range [0, n) of an RFC 9162 tree: the roots of its perfect subtrees, largest first,
 * one per set bit of n. Appending a leaf and computing the root cost O(log n), so a log never has
 * to re-read its leaves to know its tree head. Not thread-safe.
 */
public final class MerkleFrontier {
  private final List<byte[]> hashes;
  private long size;

  private MerkleFrontier(long size, List<byte[]> hashes) {
    if (hashes.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "a frontier of a tree of "
              + size
              + " has "
              + Long.bitCount(size)
              + " hashes, not "
              + hashes.size());
    }
    this.size = size;
    this.hashes = new ArrayList<>(hashes);
  }

  public static MerkleFrontier empty() {
    return new MerkleFrontier(0, List.of());
  }

  /** A frontier restored from {@link #hashes()} of a tree of {@code size} leaves. */
  public static MerkleFrontier of(long size, List<byte[]> hashes) {
    return new MerkleFrontier(size, hashes);
  }

  /** Appends a leaf hash (already {@link MerkleTree#leafHash hashed}). */
  public void append(byte[] leafHash) {
    byte[] h = leafHash;
    for (long n = size; (n & 1) == 1; n >>= 1) {
      h = MerkleTree.nodeHash(hashes.remove(hashes.size() - 1), h);
    }
    hashes.add(h);
    size++;
  }

  public long size() {
    return size;
  }

  /** MTH of the leaves appended so far: the right-to-left fold of the subtree roots. */
  public byte[] root() {
    if (size == 0) {
      return MerkleTree.root(List.of());
    }
    byte[] r = hashes.get(hashes.size() - 1);
    for (int i = hashes.size() - 2; i >= 0; i--) {
      r = MerkleTree.nodeHash(hashes.get(i), r);
    }
    return r;
  }

  /** The subtree roots, largest first (to store next to the last leaf). */
  public List<byte[]> hashes() {
    return List.copyOf(hashes);
  }

  public MerkleFrontier copy() {
    return new MerkleFrontier(size, hashes);
  }
}
