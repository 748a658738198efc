package org.liaison.wire.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.liaison.wire.crypto.Sha256;

/**
 * Merkle tree hashing and proofs exactly as RFC 9162 section 2.1: leaves hashed as SHA-256(0x00 ||
 * d), interior nodes as SHA-256(0x01 || left || right), the split at the largest power of two
 * smaller than n. Proofs are generated from the list of leaf hashes; verification follows the RFC's
 * algorithms (2.1.3.2 and 2.1.4.2) step by step.
 */
public final class MerkleTree {

  private static final byte[] LEAF = {0x00};
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
    if (index < 0 || index >= leafHashes.size()) {
      throw new IllegalArgumentException(
          "leaf index " + index + " outside a tree of " + leafHashes.size());
    }
    List<byte[]> out = new ArrayList<>();
    path(leafHashes, index, 0, leafHashes.size(), out);
    return out;
  }

  /** PROOF(m, D[n]): the consistency proof from the first {@code m} leaves to all of them. */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int m) {
    if (m <= 0 || m > leafHashes.size()) {
      throw new IllegalArgumentException("old size " + m + " must be in 1.." + leafHashes.size());
    }
    List<byte[]> out = new ArrayList<>();
    subproof(leafHashes, m, 0, leafHashes.size(), true, out);
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

  private static byte[] mth(List<byte[]> h, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return h.get(from);
    }
    int k = split(n);
    return nodeHash(mth(h, from, from + k), mth(h, from + k, to));
  }

  private static void path(List<byte[]> h, int m, int from, int to, List<byte[]> out) {
    int n = to - from;
    if (n <= 1) {
      return;
    }
    int k = split(n);
    if (m < k) {
      path(h, m, from, from + k, out);
      out.add(mth(h, from + k, to));
    } else {
      path(h, m - k, from + k, to, out);
      out.add(mth(h, from, from + k));
    }
  }

  private static void subproof(
      List<byte[]> h, int m, int from, int to, boolean complete, List<byte[]> out) {
    int n = to - from;
    if (m == n) {
      if (!complete) {
        out.add(mth(h, from, to));
      }
      return;
    }
    int k = split(n);
    if (m <= k) {
      subproof(h, m, from, from + k, complete, out);
      out.add(mth(h, from + k, to));
    } else {
      subproof(h, m - k, from + k, to, false, out);
      out.add(mth(h, from, from + k));
    }
  }

  /** The largest power of two smaller than n (n &gt; 1). */
  private static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
