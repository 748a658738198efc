package org.liaison.node.audit;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.liaison.node.observability.ExchangeMetrics;
import org.liaison.node.store.PlainTransaction;
import org.liaison.node.store.StoreDurability;
import org.liaison.wire.merkle.MerkleFrontier;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditDatum;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/**
 * The append-only, tamper-evident log. {@link #append} returns once its entry and a checkpoint
 * signed over a tree that includes it are committed: whoever appends and then acts (discloses,
 * sends) has the entry durable and covered first. If it throws, nothing of its entry was written
 * and the caller must not act.
 *
 * <p>Entries of concurrent callers are written as one batch (decision 0011): one transaction, one
 * commit, one checkpoint signed after the batch's last entry and stored with each entry of the
 * batch. Batches are written under a lock held across the commit, so leaf indexes are dense and the
 * tree grows in commit order; the compact range kept in memory (and stored with each leaf) makes an
 * append O(log n) whatever the size of the log. A batch is JDBC statements on a plain connection of
 * the pool, without a JTA transaction or a Hibernate session (decision 0063).
 */
@ApplicationScoped
public class AuditLog {
  private static final int MAX_DETAIL = 2000;
  private static final int MAX_BATCH = 256;

  @Inject PlainTransaction transaction;
  @Inject AuditSigning signing;
  @Inject AuditSalt salt;
  @Inject ExchangeMetrics metrics;
  @Inject StoreDurability durability;

  private final ReentrantLock lock = new ReentrantLock();
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final Clock clock = Clock.systemUTC();
  private MerkleFrontier tail;
  private volatile SignedAuditCheckpoint latest;
  private volatile boolean lastBatchCommitted;
  private volatile long committedSize;
  private String signerStored;

  /**
   * Appends durably; throws (and writes nothing) when the entry cannot be committed. Concurrent
   * callers share one transaction and one signed checkpoint (group commit): the caller that gets
   * the lock writes every entry queued so far, and each caller returns only once the batch holding
   * its own entry is committed and covered by the batch's checkpoint.
   */
  public AuditReceipt append(AuditEvent event) {
    List<AuditReceipt> receipts = appendAll(List.of(event));
    return receipts.get(0);
  }

  /**
   * Appends {@code events} in this order, next to each other and in the same commit, or none of
   * them (throws). For the entries a request needs on the record before its answer leaves.
   */
  public List<AuditReceipt> appendAll(List<AuditEvent> events) {
    return appendAll(events, List.of());
  }

  /**
   * As {@link #appendAll(List)}, and runs {@code writes} in the same transaction after the entries:
   * they commit with the entries or, like them, not at all (one commit for an answer's record and
   * its bookkeeping). A write that throws fails the whole batch.
   */
  public List<AuditReceipt> appendAll(List<AuditEvent> events, List<AuditedWrite> writes) {
    if (events.isEmpty()) {
      return List.of();
    }
    Pending mine = new Pending(events, writes);
    queue.add(mine);
    lock.lock();
    try {
      while (mine.receipts == null && mine.failure == null) {
        writeQueued();
      }
    } finally {
      lock.unlock();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    events.forEach(this::count);
    return mine.receipts;
  }

  /** Under the lock: one batch of everything queued (the caller's own entry among it). */
  private void writeQueued() {
    List<Pending> batch = new ArrayList<>();
    int entries = 0;
    for (Pending p; entries < MAX_BATCH && (p = queue.poll()) != null; ) {
      batch.add(p);
      entries += p.events.size();
    }
    try {
      MerkleFrontier before = tail == null ? transaction.call(this::load) : tail;
      MerkleFrontier after = before.copy();
      SignedAuditCheckpoint checkpoint = transaction.call(c -> write(c, batch, after));
      if (checkpoint == null) {
        return; // every entry of the batch failed on its own
      }
      durability.flushCommitted();
      // committed and on the disk: only now may any of the callers act on its entry
      tail = after;
      committedSize = after.size();
      latest = checkpoint;
      lastBatchCommitted = true;
      signerStored = Certificates.fingerprint(signing.certificate());
      metrics.auditBatch(entries);
      for (Pending p : batch) {
        if (p.rows != null) {
          p.receipts =
              p.rows.stream()
                  .map(row -> new AuditReceipt(row.idx, row.leafHash, checkpoint))
                  .toList();
        }
      }
    } catch (RuntimeException e) {
      tail = null; // re-read from the database next time
      lastBatchCommitted = false;
      batch.forEach(p -> p.failure = e);
    } finally {
      for (Pending p : batch) {
        if (p.receipts == null && p.failure == null) {
          tail = null;
          p.failure = new IllegalStateException("the audit batch was not written");
        }
      }
    }
  }

  /** A caller's entries waiting for their batch; set under the lock, read by it after the lock. */
  private static final class Pending {
    final List<AuditEvent> events;
    final List<AuditedWrite> writes;
    List<AuditLogEntry> rows;
    List<AuditReceipt> receipts;
    RuntimeException failure;

    Pending(List<AuditEvent> events, List<AuditedWrite> writes) {
      this.events = List.copyOf(events);
      this.writes = List.copyOf(writes);
    }
  }

  /** Every exchange with a partner passes through here, so this is where it is counted. */
  private void count(AuditEvent e) {
    if (e.direction() == null
        || e.direction() == AuditEvent.Direction.LOCAL
        || e.kind() == AuditKind.DECISION
        || e.kind() == AuditKind.FINDING) {
      return;
    }
    String partner =
        e.direction() == AuditEvent.Direction.IN ? e.requestingAgency() : e.answeringAgency();
    metrics.exchange(e.direction().name(), partner, e.contentType(), e.kind() + "/" + e.outcome());
  }

  /** The latest signed checkpoint, if the log has an entry. */
  public Optional<SignedAuditCheckpoint> latestCheckpoint() {
    SignedAuditCheckpoint c = latest;
    if (c == null) {
      lock.lock();
      try {
        if (latest == null) {
          tail = transaction.call(this::load);
        }
        c = latest;
      } finally {
        lock.unlock();
      }
    }
    return Optional.ofNullable(c);
  }

  /** The latest checkpoint's bytes, or empty; what envelopes carry in their header. */
  public byte[] latestCheckpointBytes() {
    try {
      return latestCheckpoint().map(SignedAuditCheckpoint::toByteArray).orElse(new byte[0]);
    } catch (RuntimeException e) {
      return new byte[0]; // an envelope without a checkpoint is still a valid envelope
    }
  }

  /**
   * Whether this log's last batch committed: false before its first batch since start (or {@link
   * #reload}) and after a batch failed. A request may leave on a durable intent instead of its own
   * batch only while this holds (decision 0055): a log that cannot be written stops requests.
   */
  public boolean lastBatchCommitted() {
    return lastBatchCommitted;
  }

  /**
   * How many entries the log held at its last commit this run (0 before the first): every entry
   * appended from now on takes an index at least this large. The intent journal keeps it with each
   * intent, so a start looks for an intent's entry only among the entries after it.
   */
  public long committedSize() {
    return committedSize;
  }

  /** Forgets the cached tree state (after the table was changed behind the log's back). */
  public void reload() {
    lock.lock();
    try {
      lastBatchCommitted = false;
      tail = null;
      latest = null;
      signerStored = null;
    } finally {
      lock.unlock();
    }
  }

  private MerkleFrontier load(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "select idx, frontier, checkpoint from audit_log order by idx desc fetch first 1"
                    + " rows only");
        ResultSet last = ps.executeQuery()) {
      if (!last.next()) {
        latest = null;
        committedSize = 0;
        return MerkleFrontier.empty();
      }
      long idx = last.getLong(1);
      committedSize = idx + 1;
      byte[] frontier = last.getBytes(2);
      try {
        latest = SignedAuditCheckpoint.parseFrom(last.getBytes(3));
      } catch (com.google.protobuf.InvalidProtocolBufferException x) {
        throw new IllegalStateException("the checkpoint of audit entry " + idx + " is corrupt", x);
      }
      return MerkleFrontier.of(idx + 1, split(frontier));
    }
  }

  /**
   * One transaction: every entry of the batch, each row holding the checkpoint signed after the
   * batch's last entry. An entry that cannot even be built fails alone; null if none could.
   */
  private SignedAuditCheckpoint write(Connection c, List<Pending> batch, MerkleFrontier tree)
      throws SQLException {
    Instant now = clock.instant();
    List<AuditLogEntry> rows = new ArrayList<>();
    for (Pending p : batch) {
      List<byte[]> built = new ArrayList<>(p.events.size());
      try {
        for (AuditEvent event : p.events) {
          built.add(entry(event, tree.size() + built.size(), now).toByteArray());
        }
      } catch (RuntimeException e) {
        p.failure = e; // fails alone: its entries take no index
        continue;
      }
      p.rows = new ArrayList<>(built.size());
      for (int i = 0; i < built.size(); i++) {
        byte[] leaf = MerkleTree.leafHash(built.get(i));
        AuditLogEntry row = new AuditLogEntry();
        row.idx = tree.size();
        tree.append(leaf);
        row.at = now.atOffset(ZoneOffset.UTC);
        row.kind = p.events.get(i).kind().name();
        row.messageId = p.events.get(i).messageId();
        row.entry = built.get(i);
        row.leafHash = leaf;
        row.treeRoot = tree.root();
        row.frontier = join(tree.hashes());
        p.rows.add(row);
      }
      rows.addAll(p.rows);
    }
    if (rows.isEmpty()) {
      return null;
    }
    SignedAuditCheckpoint checkpoint = signing.sign(tree.size(), tree.root(), now.toEpochMilli());
    byte[] signed = checkpoint.toByteArray();
    rememberSigner(c);
    for (AuditLogEntry row : rows) {
      row.checkpoint = signed;
    }
    insert(c, rows);
    for (Pending p : batch) {
      if (p.rows != null) {
        AuditedWrite.writeAll(c, p.writes);
      }
    }
    return checkpoint;
  }

  // one JDBC batch
  private static void insert(Connection c, List<AuditLogEntry> rows) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into audit_log (idx, at, kind, message_id, entry, leaf_hash,"
                + " tree_root, frontier, checkpoint) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditLogEntry row : rows) {
        ps.setLong(1, row.idx);
        ps.setObject(2, row.at);
        ps.setString(3, row.kind);
        ps.setString(4, row.messageId);
        ps.setBytes(5, row.entry);
        ps.setBytes(6, row.leafHash);
        ps.setBytes(7, row.treeRoot);
        ps.setBytes(8, row.frontier);
        ps.setBytes(9, row.checkpoint);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private AuditEntry entry(AuditEvent e, long index, Instant at) {
    AuditEntry.Builder b =
        facts(e)
            .setIndex(index)
            .setAtMs(at.toEpochMilli())
            .setAgency(signing.agency())
            .setNode(signing.node());
    for (AuditEvent.Datum d : e.data()) {
      AuditDatum.Builder datum =
          AuditDatum.newBuilder()
              .setIdentifierType(nz(d.identifierType()))
              .addAllRecordIds(d.recordIds());
      if (d.matchedValue() != null) {
        datum.setSaltedHash(ByteString.copyFrom(salt.hash(d.identifierType(), d.matchedValue())));
      }
      b.addData(datum);
    }
    return b.build();
  }

  /** What the caller said of {@code e}, as an entry holds it: no index, time, node or data yet. */
  static AuditEntry.Builder facts(AuditEvent e) {
    return AuditEntry.newBuilder()
        .setKind(e.kind())
        .setDirection(e.direction().name())
        .setRequestingAgency(nz(e.requestingAgency()))
        .setAnsweringAgency(nz(e.answeringAgency()))
        .setOfficerId(nz(e.officerId()))
        .setAgreementId(nz(e.agreementId()))
        .setPurpose(nz(e.purpose()))
        .setCaseReference(nz(e.caseReference()))
        .setMessageId(nz(e.messageId()))
        .setContentType(nz(e.contentType()))
        .setOutcome(nz(e.outcome()))
        .setReason(nz(e.reason()))
        .setDetail(truncate(nz(e.detail())))
        .setRequestHash(ByteString.copyFrom(e.requestHash()));
  }

  private void rememberSigner(Connection c) throws SQLException {
    String keyId = Certificates.fingerprint(signing.certificate());
    if (keyId.equals(signerStored)) {
      return;
    }
    try (PreparedStatement known =
        c.prepareStatement("select 1 from audit_signer where key_id = ?")) {
      known.setString(1, keyId);
      try (ResultSet r = known.executeQuery()) {
        if (r.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement("insert into audit_signer (key_id, certificate) values (?, ?)")) {
      insert.setString(1, keyId);
      insert.setBytes(2, Certificates.der(signing.certificate()));
      insert.executeUpdate();
    }
  }

  static byte[] join(List<byte[]> hashes) {
    byte[] out = new byte[hashes.size() * 32];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i), 0, out, i * 32, 32);
    }
    return out;
  }

  static List<byte[]> split(byte[] joined) {
    List<byte[]> out = new ArrayList<>(joined.length / 32);
    for (int i = 0; i + 32 <= joined.length; i += 32) {
      out.add(java.util.Arrays.copyOfRange(joined, i, i + 32));
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String truncate(String s) {
    return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL);
  }
}
