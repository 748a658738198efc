package org.liaison.wire.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.wire.merkle.MerkleFrontier;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.pki.MalformedKeys;
import org.liaison.wire.pki.TestPki;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.SignedAuditCheckpoint;

class AuditBundleVerifierTest {
  private static TestPki.Agency agency;
  private static TestPki.Issued signing;
  private static AuditBundle bundle;

  @BeforeAll
  static void pki() throws Exception {
    agency = TestPki.agency("us.ice");
    signing = agency.signing("node-1");
    bundle = bundle(10, signing);
  }

  static AuditBundle bundle(int n, TestPki.Issued key) throws Exception {
    return bundle(n, key, 1, agency.ca);
  }

  static AuditBundle bundle(int n, TestPki.Issued key, X509Certificate ca) throws Exception {
    return bundle(n, key, 1, ca);
  }

  static AuditBundle bundle(int n, TestPki.Issued key, int batch) throws Exception {
    return bundle(n, key, batch, agency.ca);
  }

  /**
   * A log of us.ice's node-1 written in batches of {@code batch} entries, each row holding its
   * batch's checkpoint, with {@code ca} as the chain's root.
   */
  static AuditBundle bundle(int n, TestPki.Issued key, int batch, X509Certificate ca)
      throws Exception {
    MerkleFrontier tree = MerkleFrontier.empty();
    List<AuditRecord> records = new ArrayList<>();
    List<AuditRecord.Builder> open = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditEntry e =
          AuditEntry.newBuilder()
              .setIndex(i)
              .setAtMs(1_700_000_000_000L + i)
              .setAgency("us.ice")
              .setNode("node-1")
              .setKind(AuditKind.DISCLOSURE)
              .setOutcome(i % 2 == 0 ? "MATCH" : "NO_MATCH")
              .build();
      byte[] leaf = MerkleTree.leafHash(e.toByteArray());
      tree.append(leaf);
      open.add(
          AuditRecord.newBuilder()
              .setIndex(i)
              .setEntry(e.toByteString())
              .setLeafHash(ByteString.copyFrom(leaf))
              .setDecoded(e));
      if (open.size() == batch || i == n - 1) {
        SignedAuditCheckpoint c =
            AuditCheckpoints.sign(
                key.key().getPrivate(),
                key.cert(),
                "us.ice",
                "node-1",
                i + 1,
                tree.root(),
                1_700_000_000_000L + i);
        open.forEach(r -> records.add(r.setCheckpoint(c).build()));
        open.clear();
      }
    }
    return AuditBundle.newBuilder()
        .setFormat(AuditBundles.FORMAT)
        .setAgency("us.ice")
        .setNode("node-1")
        .addAllRecords(records)
        .setCheckpoint(records.get(n - 1).getCheckpoint())
        .addCertificates(ByteString.copyFrom(Certificates.der(key.cert())))
        .addCertificates(ByteString.copyFrom(Certificates.der(ca)))
        .build();
  }

  @Test
  void intactBundle_verifiesAndSurvivesTheJsonRoundTrip() throws Exception {
    AuditBundleVerifier.Report r =
        AuditBundleVerifier.verify(AuditBundles.fromJson(AuditBundles.toJson(bundle)));
    assertThat(r.problems()).isEmpty();
    assertThat(r.ok()).isTrue();
    assertThat(r.treeSize()).isEqualTo(10);
    assertThat(r.firstBadIndex()).isEqualTo(-1);
    assertThat(r.caFingerprint()).isEqualTo(Certificates.fingerprint(agency.ca));
  }

  @Test
  void modifiedEntry_isNamedEvenWhenItsLeafHashIsRecomputed() {
    AuditEntry altered =
        bundle.getRecords(4).getDecoded().toBuilder().setOutcome("NO_MATCH").build();
    AuditRecord r =
        bundle.getRecords(4).toBuilder()
            .setEntry(altered.toByteString())
            .setDecoded(altered)
            .setLeafHash(ByteString.copyFrom(MerkleTree.leafHash(altered.toByteArray())))
            .build();
    AuditBundleVerifier.Report report =
        AuditBundleVerifier.verify(bundle.toBuilder().setRecords(4, r).build());
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadIndex()).isEqualTo(4);
    assertThat(report.problems().get(0)).contains("entry 4");
  }

  @Test
  void decodedCopyThatDiffersFromTheSignedBytes_isNamed() {
    AuditRecord r =
        bundle.getRecords(2).toBuilder()
            .setDecoded(bundle.getRecords(2).getDecoded().toBuilder().setOfficerId("someone-else"))
            .build();
    AuditBundleVerifier.Report report =
        AuditBundleVerifier.verify(bundle.toBuilder().setRecords(2, r).build());
    assertThat(report.firstBadIndex()).isEqualTo(2);
  }

  @Test
  void deletedEntry_isNamed() {
    List<AuditRecord> records = new ArrayList<>(bundle.getRecordsList());
    records.remove(6);
    AuditBundleVerifier.Report report =
        AuditBundleVerifier.verify(
            bundle.toBuilder().clearRecords().addAllRecords(records).build());
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadIndex()).isEqualTo(6);
    assertThat(String.join("\n", report.problems())).contains("were removed");
  }

  @Test
  void truncatedTail_isCaughtByTheFinalCheckpoint() {
    List<AuditRecord> records = new ArrayList<>(bundle.getRecordsList()).subList(0, 8);
    AuditBundleVerifier.Report report =
        AuditBundleVerifier.verify(
            bundle.toBuilder().clearRecords().addAllRecords(records).build());
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadIndex()).isEqualTo(8);
  }

  @Test
  void reorderedEntries_areNamed() {
    List<AuditRecord> records = new ArrayList<>(bundle.getRecordsList());
    AuditRecord three = records.get(3);
    records.set(3, records.get(5).toBuilder().setIndex(3).build());
    records.set(5, three.toBuilder().setIndex(5).build());
    AuditBundleVerifier.Report report =
        AuditBundleVerifier.verify(
            bundle.toBuilder().clearRecords().addAllRecords(records).build());
    assertThat(report.firstBadIndex()).isEqualTo(3);
  }

  @Test
  void bundleSignedByAKeyOfAnotherAgency_fails() throws Exception {
    TestPki.Agency other = TestPki.agency("ru.skr");
    AuditBundle forged =
        bundle(3, other.signing("node-1")).toBuilder()
            .setCertificates(1, ByteString.copyFrom(Certificates.der(agency.ca)))
            .build();
    AuditBundleVerifier.Report report = AuditBundleVerifier.verify(forged);
    assertThat(report.ok()).isFalse();
    assertThat(String.join("\n", report.problems())).contains("not issued by the bundle's CA");
  }

  @Test
  void batchedLog_verifies_andAnEntryCutFromABatchIsNamedEvenWhenTheRestIsRenumbered()
      throws Exception {
    AuditBundle batched = bundle(10, signing, 4); // checkpoints at 4, 8 and 10
    assertThat(AuditBundleVerifier.verify(batched).problems()).isEmpty();

    // entry 7 (the last of the second batch) cut, and the entries after it renumbered and rehashed
    List<AuditRecord> records = new ArrayList<>(batched.getRecordsList().subList(0, 7));
    for (AuditRecord r : batched.getRecordsList().subList(8, 10)) {
      AuditEntry moved = r.getDecoded().toBuilder().setIndex(r.getIndex() - 1).build();
      records.add(
          r.toBuilder()
              .setIndex(moved.getIndex())
              .setEntry(moved.toByteString())
              .setDecoded(moved)
              .setLeafHash(ByteString.copyFrom(MerkleTree.leafHash(moved.toByteArray())))
              .build());
    }
    AuditBundleVerifier.Report report =
        AuditBundleVerifier.verify(
            batched.toBuilder().clearRecords().addAllRecords(records).build());
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadIndex()).isEqualTo(4); // the batch 4..7 it was cut from
    assertThat(report.problems().get(0)).contains("the batch of entries from 4");
  }

  @Test
  void batchedLog_anEntryModifiedInsideABatchIsLocatedToItsBatch() throws Exception {
    AuditBundle batched = bundle(10, signing, 4);
    AuditEntry altered =
        batched.getRecords(5).getDecoded().toBuilder().setOutcome("SOMETHING ELSE").build();
    AuditRecord r =
        batched.getRecords(5).toBuilder()
            .setEntry(altered.toByteString())
            .setDecoded(altered)
            .setLeafHash(ByteString.copyFrom(MerkleTree.leafHash(altered.toByteArray())))
            .build();
    AuditBundleVerifier.Report report =
        AuditBundleVerifier.verify(batched.toBuilder().setRecords(5, r).build());
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadIndex()).isEqualTo(4);
    assertThat(report.problems().get(0)).contains("an entry among 4..7");
  }

  @Test
  void certificateWithAMalformedPublicKey_isReportedNotThrown() throws Exception {
    // found by AuditBundleFuzzTest: BouncyCastle parses such a certificate and throws an
    // IllegalStateException only when the key is read
    AuditBundle b =
        bundle.toBuilder()
            .setCertificates(0, ByteString.copyFrom(MalformedKeys.certificate(signing.cert())))
            .build();
    AuditBundleVerifier.Report report = AuditBundleVerifier.verify(b);
    assertThat(report.ok()).isFalse();
    assertThat(String.join("\n", report.problems()))
        .contains("a certificate in the bundle does not parse");
  }
}
