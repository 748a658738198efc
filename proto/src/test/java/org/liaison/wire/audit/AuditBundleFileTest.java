package org.liaison.wire.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.pki.TestPki;
import org.liaison.wire.v1.AuditBundle;

/** A bundle file written and read a part at a time is the bundle, and verifies as it is read. */
class AuditBundleFileTest {
  private static AuditBundle bundle;

  @TempDir Path dir;

  @BeforeAll
  static void log() throws Exception {
    TestPki.Agency ice = TestPki.agency("us.ice");
    // batches of 7 entries: parts of 2,000 cut through batches, as a node's export does
    bundle = AuditBundleVerifierTest.bundle(2_503, ice.signing("node-1"), 7, ice.ca);
  }

  @Test
  void partsWrittenAsAnExportStreamsThem_readBackAsPartsThatJoinToTheBundle() throws Exception {
    Path file = dir.resolve("audit.json");
    try (AuditBundleFile.Writer w = AuditBundleFile.Writer.create(file)) {
      for (AuditBundle part : exportParts(bundle, 2_000)) {
        w.accept(part);
      }
      assertThat(w.records()).isEqualTo(2_503);
    }
    List<AuditBundle> read = new ArrayList<>();

    AuditBundleFile.read(file, read::add);

    assertThat(read.get(0).getRecordsCount()).as("the header comes first, alone").isZero();
    assertThat(read.get(0).getCertificatesCount()).isEqualTo(2);
    assertThat(read.subList(1, read.size() - 1))
        .allSatisfy(
            p -> assertThat(p.getRecordsCount()).isBetween(1, AuditBundleFile.PART_RECORDS));
    assertThat(read.get(read.size() - 1).hasCheckpoint()).isTrue();
    assertThat(AuditBundles.join(read.iterator())).isEqualTo(bundle);
  }

  @Test
  void aBundleVerifiedPartByPart_givesTheReportOfTheWholeBundle() throws Exception {
    Path file = dir.resolve("audit.json");
    AuditBundles.write(file, bundle);
    AuditBundleVerifier.Parts verifier = AuditBundleVerifier.parts();

    AuditBundleFile.read(file, verifier);

    AuditBundleVerifier.Report parts = verifier.report();
    AuditBundleVerifier.Report whole = AuditBundleVerifier.verify(bundle);
    assertThat(parts.ok()).isTrue();
    assertThat(parts.treeSize()).isEqualTo(2_503);
    assertThat(parts.root()).isEqualTo(whole.root());
    assertThat(parts.caFingerprint()).isEqualTo(whole.caFingerprint());
  }

  @Test
  void anEntryChangedInTheFile_isNamedByThePartByPartVerifier() throws Exception {
    AuditBundle altered =
        bundle.toBuilder()
            .setRecords(
                2_001,
                bundle.getRecords(2_001).toBuilder()
                    .setEntry(
                        bundle.getRecords(2_001).getDecoded().toBuilder()
                            .setOutcome("NO_MATCH_EDITED")
                            .build()
                            .toByteString()))
            .build();
    Path file = dir.resolve("altered.json");
    AuditBundles.write(file, altered);
    AuditBundleVerifier.Parts verifier = AuditBundleVerifier.parts();

    AuditBundleFile.read(file, verifier);

    AuditBundleVerifier.Report r = verifier.report();
    assertThat(r.ok()).isFalse();
    // located to its batch (the entries that share one signed tree head), and named
    assertThat(r.firstBadIndex()).isEqualTo(2_001 - 2_001 % 7);
    assertThat(r.problems()).contains("entry 2001 was modified: it no longer hashes to its leaf");
  }

  @Test
  void aFileWithTheCertificatesAfterTheRecords_isReadTheSame() throws Exception {
    // the protobuf JSON printer writes fields in number order: certificates (7) after records (5)
    Path file = dir.resolve("printed.json");
    Files.writeString(file, AuditBundles.toJson(bundle), StandardCharsets.UTF_8);
    List<AuditBundle> read = new ArrayList<>();

    AuditBundleFile.read(file, read::add);

    assertThat(read.get(0).getCertificatesCount()).isEqualTo(2);
    assertThat(AuditBundles.join(read.iterator())).isEqualTo(bundle);
  }

  @Test
  void aFileThatIsNotABundle_isRefusedWithASentenceNamingIt() throws Exception {
    for (String text : List.of("[]", "{\"records\": [", "{\"format\": 3} trailing", "not json")) {
      Path file = dir.resolve("bad.json");
      Files.writeString(file, text, StandardCharsets.UTF_8);

      assertThatThrownBy(() -> AuditBundleFile.read(file, p -> {}))
          .as(text)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(file + " is not an audit bundle");
    }
  }

  /** The parts a node's export sends: header and certificates first, the checkpoint last. */
  static List<AuditBundle> exportParts(AuditBundle whole, int size) {
    List<AuditBundle> parts = new ArrayList<>();
    AuditBundle.Builder part = whole.toBuilder().clearRecords().clearCheckpoint();
    for (int i = 0; i < whole.getRecordsCount(); i++) {
      part.addRecords(whole.getRecords(i));
      if (part.getRecordsCount() == size) {
        parts.add(part.build());
        part = AuditBundle.newBuilder();
      }
    }
    parts.add(part.setCheckpoint(whole.getCheckpoint()).build());
    return parts;
  }
}
