package org.liaison.bench.audit;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.merkle.MerkleFrontier;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.v1.AuditDatum;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/**
 * Audit cost per disclosure, as the node pays it: build the entry, hash the leaf, extend the
 * compact range, sign a checkpoint (ECDSA P-256), and insert the row into an H2 file database with
 * a commit per entry (the node's per-entry durability). Prints microseconds per append, split into
 * the crypto part and the whole.
 *
 * <pre>
 * java -cp benchmarks/target/liaison-benchmarks.jar org.liaison.bench.audit.AuditAppendCost [n]
 * </pre>
 */
public final class AuditAppendCost {
  private AuditAppendCost() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path work = Files.createTempDirectory("audit-bench");
    DevPki pki =
        DevPki.create(work.resolve("pki"), List.of(AgencySpec.parse("bench.a")), Clock.systemUTC());
    NodeCredentials node = NodeCredentials.load(pki.nodeDir("bench.a", "node-1"));

    // warm-up, then the crypto alone
    crypto(node, 2_000);
    long t0 = System.nanoTime();
    crypto(node, n);
    double cryptoUs = (System.nanoTime() - t0) / 1e3 / n;

    String url =
        "jdbc:h2:file:"
            + work.resolve("db").toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE audit_log (idx BIGINT PRIMARY KEY, at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " kind VARCHAR(32) NOT NULL, message_id VARCHAR(64), entry BYTEA NOT NULL,"
                + " leaf_hash BYTEA NOT NULL, tree_root BYTEA NOT NULL, frontier BYTEA NOT NULL,"
                + " checkpoint BYTEA NOT NULL)");
      }
      c.setAutoCommit(false);
      MerkleFrontier tree = MerkleFrontier.empty();
      PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO audit_log VALUES (?, CURRENT_TIMESTAMP, ?, ?, ?, ?, ?, ?, ?)");
      append(node, c, insert, tree, 2_000);
      long t1 = System.nanoTime();
      append(node, c, insert, tree, n);
      double totalUs = (System.nanoTime() - t1) / 1e3 / n;
      System.out.printf("audit entries: %d (log grew to %d)%n", n, tree.size());
      System.out.printf(
          "crypto (entry + leaf + frontier + checkpoint signature): %.1f us/op%n", cryptoUs);
      System.out.printf(
          "append with a commit per entry (H2 file):               %.1f us/op%n", totalUs);
    }
  }

  private static AuditEntry entry(long i) {
    return AuditEntry.newBuilder()
        .setIndex(i)
        .setAtMs(System.currentTimeMillis())
        .setAgency("bench.a")
        .setNode("node-1")
        .setKind(AuditKind.DISCLOSURE)
        .setDirection("IN")
        .setRequestingAgency("bench.b")
        .setOfficerId("officer-1")
        .setAgreementId("bench-a-b")
        .setPurpose("DRUG_TRAFFICKING")
        .setCaseReference("B-" + i)
        .setMessageId(Long.toHexString(i * 0x9E3779B97F4A7C15L))
        .setContentType("liaison.v1.QueryRequest")
        .setOutcome("MATCH")
        .addData(
            AuditDatum.newBuilder()
                .setIdentifierType("PHONE")
                .setSaltedHash(ByteString.copyFrom(new byte[32]))
                .addRecordIds("R-" + i))
        .build();
  }

  private static SignedAuditCheckpoint step(NodeCredentials node, MerkleFrontier tree, byte[] entry)
      throws Exception {
    tree.append(MerkleTree.leafHash(entry));
    return AuditCheckpoints.sign(
        node.signingKey(),
        node.signingCertificate(),
        "bench.a",
        "node-1",
        tree.size(),
        tree.root(),
        System.currentTimeMillis());
  }

  private static void crypto(NodeCredentials node, int n) throws Exception {
    MerkleFrontier tree = MerkleFrontier.empty();
    for (int i = 0; i < n; i++) {
      step(node, tree, entry(i).toByteArray());
    }
  }

  private static void append(
      NodeCredentials node, Connection c, PreparedStatement insert, MerkleFrontier tree, int n)
      throws Exception {
    for (int i = 0; i < n; i++) {
      long idx = tree.size();
      byte[] entry = entry(idx).toByteArray();
      SignedAuditCheckpoint cp = step(node, tree, entry);
      insert.setLong(1, idx);
      insert.setString(2, "DISCLOSURE");
      insert.setString(3, Long.toHexString(idx));
      insert.setBytes(4, entry);
      insert.setBytes(5, MerkleTree.leafHash(entry));
      insert.setBytes(6, tree.root());
      byte[] frontier = new byte[32 * tree.hashes().size()];
      for (int k = 0; k < tree.hashes().size(); k++) {
        System.arraycopy(tree.hashes().get(k), 0, frontier, 32 * k, 32);
      }
      insert.setBytes(7, frontier);
      insert.setBytes(8, cp.toByteArray());
      insert.executeUpdate();
      c.commit();
    }
  }
}
