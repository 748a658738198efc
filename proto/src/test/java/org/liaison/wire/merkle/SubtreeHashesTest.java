package org.liaison.wire.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * Proofs read from a log's stored leaf hashes and frontiers are the proofs computed from all the
 * leaves, and read O(log^2 n) hashes, not n.
 */
class SubtreeHashesTest {

  /** A log as the node stores it: per entry, its leaf hash and the frontier after it. */
  private static final class StoredLog implements SubtreeHashes.LogHashes {
    final List<byte[]> leaves = new ArrayList<>();
    final List<List<byte[]>> frontiers = new ArrayList<>();
    final AtomicInteger reads = new AtomicInteger();

    StoredLog(int n) {
      MerkleFrontier f = MerkleFrontier.empty();
      for (int i = 0; i < n; i++) {
        byte[] leaf = MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i).array());
        f.append(leaf);
        leaves.add(leaf);
        frontiers.add(f.hashes());
      }
    }

    @Override
    public byte[] leafHash(long index) {
      reads.incrementAndGet();
      return leaves.get((int) index);
    }

    @Override
    public List<byte[]> frontierAfter(long size) {
      reads.incrementAndGet();
      return frontiers.get((int) size - 1);
    }
  }

  @Test
  void proofsFromStoredFrontiers_equalProofsFromAllLeaves_everySizeUpTo70() {
    StoredLog log = new StoredLog(70);
    SubtreeHashes stored = SubtreeHashes.ofFrontiers(log);
    for (int n = 1; n <= 70; n++) {
      List<byte[]> all = log.leaves.subList(0, n);
      for (int i = 0; i < n; i++) {
        assertThat(hex(MerkleTree.inclusionProof(stored, i, n)))
            .as("inclusion of %d in %d", i, n)
            .isEqualTo(hex(MerkleTree.inclusionProof(all, i)));
      }
      for (int m = 1; m <= n; m++) {
        assertThat(hex(MerkleTree.consistencyProof(stored, m, n)))
            .as("%d -> %d", m, n)
            .isEqualTo(hex(MerkleTree.consistencyProof(all, m)));
      }
    }
  }

  @Test
  void aProofInALogOf66000Entries_readsAFewHundredHashes_notEveryLeaf() {
    int n = 1 << 16;
    StoredLog log = new StoredLog(n + 12_345);
    SubtreeHashes stored = SubtreeHashes.ofFrontiers(log);
    long size = n + 12_345;

    List<byte[]> consistency = MerkleTree.consistencyProof(stored, 47_777, size);
    int consistencyReads = log.reads.getAndSet(0);
    List<byte[]> inclusion = MerkleTree.inclusionProof(stored, 54_321, size);
    int inclusionReads = log.reads.get();

    byte[] root = MerkleTree.root(log.leaves);
    assertThat(
            MerkleTree.verifyConsistency(
                47_777, size, consistency, MerkleTree.root(log.leaves.subList(0, 47_777)), root))
        .isTrue();
    assertThat(MerkleTree.verifyInclusion(log.leaves.get(54_321), 54_321, size, inclusion, root))
        .isTrue();
    // log2(65,536) = 16: at most 17 reads per subtree, one subtree per proof hash (16-32 hashes)
    assertThat(consistencyReads).isLessThan(17 * 34);
    assertThat(inclusionReads).isLessThan(17 * 18);
    System.out.printf(
        "proofs in a log of %d entries: consistency %d hashes, %d reads; inclusion %d, %d reads%n",
        size, consistency.size(), consistencyReads, inclusion.size(), inclusionReads);
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(Hex::toHexString).toList();
  }
}
