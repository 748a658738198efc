package org.liaison.wire.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  // The RFC 6962 / CT reference leaves and tree heads (transparency-dev test data).
  private static final String[] LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] ROOTS = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  private static List<byte[]> referenceLeafHashes() {
    List<byte[]> out = new ArrayList<>();
    for (String l : LEAVES) {
      out.add(MerkleTree.leafHash(Hex.decode(l)));
    }
    return out;
  }

  private static List<byte[]> leaves(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i * 7)}));
    }
    return out;
  }

  @Test
  void root_matchesTheReferenceTreeHeadsForEverySize() {
    List<byte[]> h = referenceLeafHashes();
    for (int n = 0; n <= 8; n++) {
      assertThat(Hex.toHexString(MerkleTree.root(h.subList(0, n))))
          .as("size %d", n)
          .isEqualTo(ROOTS[n]);
    }
  }

  @Test
  void inclusionProof_matchesTheReferencePaths() {
    List<byte[]> h = referenceLeafHashes();
    assertThat(MerkleTree.inclusionProof(h, 0).stream().map(Hex::toHexString))
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(MerkleTree.inclusionProof(h, 5).stream().map(Hex::toHexString))
        .containsExactly(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
  }

  @Test
  void inclusion_everyLeafOfEveryTreeUpTo64VerifiesAndNothingElse() {
    List<byte[]> all = leaves(64);
    for (int n = 1; n <= 64; n++) {
      List<byte[]> h = all.subList(0, n);
      byte[] root = MerkleTree.root(h);
      for (int i = 0; i < n; i++) {
        List<byte[]> path = MerkleTree.inclusionProof(h, i);
        assertThat(MerkleTree.verifyInclusion(h.get(i), i, n, path, root)).isTrue();
        if (n > 1) {
          int other = (i + 1) % n;
          assertThat(MerkleTree.verifyInclusion(h.get(i), other, n, path, root)).isFalse();
          assertThat(MerkleTree.verifyInclusion(h.get(other), i, n, path, root)).isFalse();
        }
        assertThat(MerkleTree.verifyInclusion(h.get(i), i, n, path, MerkleTree.leafHash(root)))
            .isFalse();
      }
    }
  }

  @Test
  void consistency_everyPairOfSizesUpTo64() {
    List<byte[]> all = leaves(64);
    for (int n = 1; n <= 64; n++) {
      byte[] rootN = MerkleTree.root(all.subList(0, n));
      for (int m = 1; m <= n; m++) {
        byte[] rootM = MerkleTree.root(all.subList(0, m));
        List<byte[]> proof = MerkleTree.consistencyProof(all.subList(0, n), m);
        assertThat(MerkleTree.verifyConsistency(m, n, proof, rootM, rootN))
            .as("%d -> %d", m, n)
            .isTrue();
        assertThat(MerkleTree.verifyConsistency(m, n, proof, rootN, rootM) && m != n).isFalse();
        if (m < n) {
          // a tree that rewrote an old leaf is not consistent with the old root
          assertThat(MerkleTree.verifyConsistency(m, n, proof, MerkleTree.leafHash(rootM), rootN))
              .isFalse();
        }
      }
    }
  }

  @Property(tries = 200)
  void consistency_anyFlippedProofByteFails(
      @ForAll @IntRange(min = 2, max = 64) int n,
      @ForAll @IntRange(min = 1, max = 63) int mRaw,
      @ForAll @IntRange(min = 0, max = 10_000) int where) {
    int m = 1 + (mRaw - 1) % (n - 1);
    List<byte[]> h = leaves(n);
    List<byte[]> proof = new ArrayList<>(MerkleTree.consistencyProof(h, m));
    int item = where % proof.size();
    byte[] changed = proof.get(item).clone();
    changed[where % 32] ^= (byte) (1 << (where % 8));
    proof.set(item, changed);
    assertThat(
            MerkleTree.verifyConsistency(
                m, n, proof, MerkleTree.root(h.subList(0, m)), MerkleTree.root(h)))
        .isFalse();
  }

  // RFC 6962 reference consistency proofs over the reference leaves (CT test data).
  @Test
  void consistencyProof_matchesTheReferenceProofs() {
    List<byte[]> h = referenceLeafHashes();
    assertThat(hex(MerkleTree.consistencyProof(h, 1)))
        .isEqualTo(
            List.of(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
    assertThat(hex(MerkleTree.consistencyProof(h.subList(0, 8), 6)))
        .isEqualTo(
            List.of(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    assertThat(hex(MerkleTree.consistencyProof(h.subList(0, 5), 2)))
        .isEqualTo(
            List.of(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
    for (int[] pair : new int[][] {{1, 8}, {6, 8}, {2, 5}}) {
      List<byte[]> first = h.subList(0, pair[0]);
      List<byte[]> second = h.subList(0, pair[1]);
      assertThat(
              MerkleTree.verifyConsistency(
                  pair[0],
                  pair[1],
                  MerkleTree.consistencyProof(second, pair[0]),
                  MerkleTree.root(first),
                  MerkleTree.root(second)))
          .isTrue();
    }
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(Hex::toHexString).toList();
  }
}
