package org.liaison.wire.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class MerkleFrontierTest {

  @Test
  void root_equalsTheFullTreeRootForEverySizeUpTo300() {
    List<byte[]> leaves = new ArrayList<>();
    MerkleFrontier f = MerkleFrontier.empty();
    assertThat(f.root()).isEqualTo(MerkleTree.root(leaves));
    for (int i = 0; i < 300; i++) {
      byte[] leaf = MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)});
      leaves.add(leaf);
      f.append(leaf);
      assertThat(f.size()).isEqualTo(i + 1);
      assertThat(f.hashes()).hasSize(Integer.bitCount(i + 1));
      assertThat(f.root()).as("size %d", i + 1).isEqualTo(MerkleTree.root(leaves));
    }
  }

  @Test
  void root_ofTheReferenceLeavesMatchesTheReferenceHead() {
    String[] data = {
      "",
      "00",
      "10",
      "2021",
      "3031",
      "40414243",
      "5051525354555657",
      "606162636465666768696a6b6c6d6e6f"
    };
    MerkleFrontier f = MerkleFrontier.empty();
    for (String d : data) {
      f.append(MerkleTree.leafHash(Hex.decode(d)));
    }
    assertThat(Hex.toHexString(f.root()))
        .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  }

  @Test
  void restoredFrontier_continuesLikeTheOriginal() {
    MerkleFrontier a = MerkleFrontier.empty();
    for (int i = 0; i < 13; i++) {
      a.append(MerkleTree.leafHash(new byte[] {(byte) i}));
    }
    MerkleFrontier b = MerkleFrontier.of(a.size(), a.hashes());
    byte[] next = MerkleTree.leafHash(new byte[] {99});
    a.append(next);
    b.append(next);
    assertThat(b.root()).isEqualTo(a.root());
    assertThatThrownBy(() -> MerkleFrontier.of(12, a.hashes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a frontier of a tree of 12 has 2 hashes, not 3");
  }
}
