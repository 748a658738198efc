package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.DevPki;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.merkle.MerkleFrontier;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditFinding;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditRecord;

class AuditCommandTest {
  @TempDir Path dir;
  private OfficerServerFixture server;
  private DevPki pki;
  private AuditBundle bundle;

  @BeforeEach
  void setUp() throws Exception {
    server = OfficerServerFixture.serving(dir, new ScriptedAudit());
    pki = server.pki;
    bundle = bundle(NodeCredentials.load(pki.nodeDir("us.ice", "node-1")), 6);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  private AuditBundle bundle(NodeCredentials node, int n) throws Exception {
    MerkleFrontier tree = MerkleFrontier.empty();
    AuditBundle.Builder b =
        AuditBundle.newBuilder()
            .setFormat(AuditBundles.FORMAT)
            .setAgency("us.ice")
            .setNode("node-1");
    for (int i = 0; i < n; i++) {
      AuditEntry e =
          AuditEntry.newBuilder()
              .setIndex(i)
              .setAgency("us.ice")
              .setNode("node-1")
              .setKind(AuditKind.DISCLOSURE)
              .setRequestingAgency("us.dea")
              .setOfficerId("officer-" + i)
              .setOutcome("NO_MATCH")
              .build();
      byte[] leaf = MerkleTree.leafHash(e.toByteArray());
      tree.append(leaf);
      b.addRecords(
          AuditRecord.newBuilder()
              .setIndex(i)
              .setEntry(e.toByteString())
              .setLeafHash(ByteString.copyFrom(leaf))
              .setDecoded(e)
              .setCheckpoint(
                  AuditCheckpoints.sign(
                      node.signingKey(),
                      node.signingCertificate(),
                      "us.ice",
                      "node-1",
                      i + 1,
                      tree.root(),
                      1_000L * i)));
    }
    b.setCheckpoint(b.getRecords(n - 1).getCheckpoint());
    b.addCertificates(ByteString.copyFrom(Certificates.der(node.signingCertificate())));
    b.addCertificates(ByteString.copyFrom(Certificates.der(pki.caCertificate("us.ice"))));
    return b.build();
  }

  @Test
  void verify_offline_intactBundle() throws Exception {
    Path file = dir.resolve("bundle.json");
    AuditBundles.write(file, bundle);
    String ca = Certificates.fingerprint(pki.caCertificate("us.ice"));

    CliRun run = CliRun.of("audit", "verify", file.toString(), "--ca-fingerprint", ca);

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("6 entries").contains("(matches)").contains("OK:");
  }

  @Test
  void verify_offline_editedBundleNamesTheEntry() throws Exception {
    Path file = dir.resolve("bundle.json");
    AuditBundles.write(file, bundle);
    String json = Files.readString(file);
    Files.writeString(
        file, json.replace("\"officer_id\": \"officer-4\"", "\"officer_id\": \"officer-9\""));

    CliRun run = CliRun.of("audit", "verify", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED at entry 4");
  }

  @Test
  void verify_withoutCaFingerprint_saysItProvedNothingAboutTheSigner() throws Exception {
    Path file = dir.resolve("bundle.json");
    AuditBundles.write(file, bundle);

    CliRun run = CliRun.of("audit", "verify", file.toString());

    assertThat(run.exit()).isEqualTo(AuditVerifyCommand.SIGNER_UNPROVEN);
    assertThat(run.out()).contains("SIGNER NOT PROVED").doesNotContain("OK:");
  }

  @Test
  void verify_offline_wrongCaFingerprintFails() throws Exception {
    Path file = dir.resolve("bundle.json");
    AuditBundles.write(file, bundle);
    CliRun run = CliRun.of("audit", "verify", file.toString(), "--ca-fingerprint", "00".repeat(32));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("does NOT match");
  }

  @Test
  void verify_notABundle_saysSo() throws Exception {
    Path file = dir.resolve("bundle.json");
    Files.writeString(file, "{\"hello\": 1}");
    CliRun run = CliRun.of("audit", "verify", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("is not an audit bundle");
  }

  @Test
  void export_writesABundleThatVerifies_andFindingsAreListed() throws Exception {
    Path file = dir.resolve("exported.json");

    CliRun export =
        CliRun.ofGroup(server.connectAs("us.ice"), "audit", "export", "--out", file.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out()).contains("Wrote 6 audit entries of node-1.us.ice");
    String ca = Certificates.fingerprint(pki.caCertificate("us.ice"));
    assertThat(CliRun.of("audit", "verify", file.toString(), "--ca-fingerprint", ca).exit())
        .isZero();

    CliRun findings = CliRun.ofGroup(server.connectAs("us.ice"), "audit", "findings");
    assertThat(findings.exit()).isEqualTo(1);
    assertThat(findings.out()).contains("PARTNER_HISTORY_INCONSISTENT node-1.us.dea");
  }

  /** The node's Audit service: exports this test's bundle and lists one finding. */
  private final class ScriptedAudit extends AuditGrpc.AuditImplBase {
    @Override
    public void export(AuditExportRequest request, StreamObserver<AuditBundle> out) {
      out.onNext(bundle);
      out.onCompleted();
    }

    @Override
    public void findings(AuditFindingsRequest request, StreamObserver<AuditFindings> out) {
      out.onNext(
          AuditFindings.newBuilder()
              .addFindings(
                  AuditFinding.newBuilder()
                      .setKind("PARTNER_HISTORY_INCONSISTENT")
                      .setPartnerAgency("us.dea")
                      .setPartnerNode("node-1")
                      .setDetail("two checkpoints of node-1.us.dea both cover 5 entries"))
              .build());
      out.onCompleted();
    }
  }
}
