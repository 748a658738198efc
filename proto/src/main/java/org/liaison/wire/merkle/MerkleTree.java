package org.liaison.wire.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.liaison.wire.crypto.Sha256;

/**
 * Merkle tree hashing and proofs exactly as RFC 9162 section 2.1: leaves hashed as SHA-256(0x00 ||
 * d), interior nodes as SHA-256(0x01 || left || right), the split at the largest power of two
 * smaller than n. Proofs are generated from the hashes of perfect subtrees ({@link SubtreeHashes}:
 * from a list of leaf hashes, or from what a log stores, so that a proof in a log of millions of
 * entries reads O(log^2 n) hashes instead of every leaf); verification follows the RFC's algorithms
 * (2.1.3.2 and 2.1.4.2) step by step.
 */
public final class MerkleTree {

  /** The byte a leaf's data is prefixed with before hashing. */
  public static final byte LEAF_PREFIX = 0x00;

  private static final byte[] LEAF = {LEAF_PREFIX};
  private static final byte[] NODE = {0x01};

  private MerkleTree() {}

  public static byte[] leafHash(byte[] data) {
    return Sha256.digest(LEAF, data);
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    return Sha256.digest(NODE, left, right);
  }

  /** MTH of the leaves whose hashes are given; the empty tree's root is SHA-256(""). */
  public static byte[] root(List<byte[]> leafHashes) {
    if (leafHashes.isEmpty()) {
      return Sha256.digest();
    }
    return mth(leafHashes, 0, leafHashes.size());
  }

  /** PATH(m, D[n]): the inclusion proof (audit path) of leaf {@code index}. */
  public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
    return inclusionProof(SubtreeHashes.ofLeaves(leafHashes), index, leafHashes.size());
  }

  /** PATH(m, D[n]) in the tree of the first {@code size} leaves whose subtrees {@code h} gives. */
  public static List<byte[]> inclusionProof(SubtreeHashes h, long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf index " + index + " outside a tree of " + size);
    }
    List<byte[]> out = new ArrayList<>();
    path(h, index, 0, size, out);
    return out;
  }

  /** PROOF(m, D[n]): the consistency proof from the first {@code m} leaves to all of them. */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int m) {
    return consistencyProof(SubtreeHashes.ofLeaves(leafHashes), m, leafHashes.size());
  }

  /**
   * PROOF(m, D[n]) between the trees of the first {@code m} and {@code n} leaves {@code h} gives.
   */
  public static List<byte[]> consistencyProof(SubtreeHashes h, long m, long n) {
    if (m <= 0 || m > n) {
      throw new IllegalArgumentException("old size " + m + " must be in 1.." + n);
    }
    List<byte[]> out = new ArrayList<>();
    subproof(h, m, 0, n, true, out);
    return out;
  }

  /** RFC 9162 2.1.3.2: the root an inclusion proof leads to, or empty if it is malformed. */
  public static Optional<byte[]> rootFromInclusionProof(
      byte[] leafHash, long index, long treeSize, List<byte[]> path) {
    if (index < 0 || index >= treeSize) {
      return Optional.empty();
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return Optional.empty();
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? Optional.of(r) : Optional.empty();
  }

  /** RFC 9162 2.1.3.2: whether the path proves the leaf is at {@code index} under the root. */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long treeSize, List<byte[]> path, byte[] root) {
    return rootFromInclusionProof(leafHash, index, treeSize, path)
        .map(r -> MessageDigest.isEqual(r, root))
        .orElse(false);
  }

  /**
   * RFC 9162 2.1.4.2: whether the tree of size {@code first} with {@code firstRoot} is a prefix of
   * the tree of size {@code second} with {@code secondRoot}. Equal sizes need an empty proof and
   * equal roots.
   */
  public static boolean verifyConsistency(
      long first, long second, List<byte[]> proof, byte[] firstRoot, byte[] secondRoot) {
    if (first <= 0 || first > second) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(first) == 1) {
      path.add(firstRoot);
    }
    path.addAll(proof);
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot) && sn == 0;
  }

  static byte[] mth(List<byte[]> h, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return h.get(from);
    }
    int k = (int) split(n);
    return nodeHash(mth(h, from, from + k), mth(h, from + k, to));
  }

  /**
   * MTH of leaves [from, to), where {@code from} is a multiple of the power of two at or above the
   * range's size (as every range of the RFC's recursions is): the right-to-left fold of the perfect
   * subtrees of its binary decomposition, largest first, each of them aligned.
   */
  private static byte[] mth(SubtreeHashes h, long from, long to) {
    List<byte[]> parts = new ArrayList<>();
    long at = from;
    for (long rest = to - from; rest > 0; rest -= Long.highestOneBit(rest)) {
      long size = Long.highestOneBit(rest);
      parts.add(h.perfect(at, size));
      at += size;
    }
    byte[] r = parts.get(parts.size() - 1);
    for (int i = parts.size() - 2; i >= 0; i--) {
      r = nodeHash(parts.get(i), r);
    }
    return r;
  }

  private static void path(SubtreeHashes h, long m, long from, long to, List<byte[]> out) {
    long n = to - from;
    if (n <= 1) {
      return;
    }
    long k = split(n);
    if (m < k) {
      path(h, m, from, from + k, out);
      out.add(mth(h, from + k, to));
    } else {
      path(h, m - k, from + k, to, out);
      out.add(mth(h, from, from + k));
    }
  }

  private static void subproof(
      SubtreeHashes h, long m, long from, long to, boolean complete, List<byte[]> out) {
    long n = to - from;
    if (m == n) {
      if (!complete) {
        out.add(mth(h, from, to));
      }
      return;
    }
    long k = split(n);
    if (m <= k) {
      subproof(h, m, from, from + k, complete, out);
      out.add(mth(h, from + k, to));
    } else {
      subproof(h, m - k, from + k, to, false, out);
      out.add(mth(h, from, from + k));
    }
  }

  /** The largest power of two smaller than n (n &gt; 1). */
  private static long split(long n) {
    return Long.highestOneBit(n - 1);
  }
}
