package org.liaison.node.audit;

import com.google.protobuf.ByteString;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.liaison.node.observability.ExchangeMetrics;
import org.liaison.wire.merkle.MerkleFrontier;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditDatum;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/**
 * The append-only, tamper-evident log. {@link #append} writes one entry and the checkpoint signed
 * right after it in a transaction of its own, committed before it returns: whoever appends and then
 * acts (discloses, sends) has the entry durable first. If it throws, nothing was written and the
 * caller must not act.
 *
 * <p>Appends are serialised by a lock held across the commit, so leaf indexes are dense and the
 * tree grows in commit order; the compact range kept in memory (and stored with each leaf) makes an
 * append O(log n) whatever the size of the log.
 */
@ApplicationScoped
public class AuditLog {
  private static final int MAX_DETAIL = 2000;

  @Inject EntityManager em;
  @Inject AuditSigning signing;
  @Inject AuditSalt salt;
  @Inject ExchangeMetrics metrics;

  private final ReentrantLock lock = new ReentrantLock();
  private final Clock clock = Clock.systemUTC();
  private MerkleFrontier tail;
  private volatile SignedAuditCheckpoint latest;
  private String signerStored;

  /** Appends durably; throws (and writes nothing) when the entry cannot be committed. */
  public AuditReceipt append(AuditEvent event) {
    lock.lock();
    try {
      MerkleFrontier before =
          tail == null ? QuarkusTransaction.requiringNew().call(this::load) : tail;
      MerkleFrontier after = before.copy();
      AuditReceipt receipt = QuarkusTransaction.requiringNew().call(() -> write(event, after));
      tail = after;
      latest = receipt.checkpoint();
      signerStored = Certificates.fingerprint(signing.certificate());
      count(event);
      return receipt;
    } catch (RuntimeException e) {
      tail = null; // re-read from the database next time
      throw e;
    } finally {
      lock.unlock();
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
          tail = QuarkusTransaction.requiringNew().call(this::load);
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

  /** Forgets the cached tree state (after the table was changed behind the log's back). */
  public void reload() {
    lock.lock();
    try {
      tail = null;
      latest = null;
      signerStored = null;
    } finally {
      lock.unlock();
    }
  }

  private MerkleFrontier load() {
    List<AuditLogEntry> last =
        em.createQuery("from AuditLogEntry order by idx desc", AuditLogEntry.class)
            .setMaxResults(1)
            .getResultList();
    if (last.isEmpty()) {
      latest = null;
      return MerkleFrontier.empty();
    }
    AuditLogEntry e = last.get(0);
    try {
      latest = SignedAuditCheckpoint.parseFrom(e.checkpoint);
    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
      throw new IllegalStateException("the checkpoint of audit entry " + e.idx + " is corrupt", x);
    }
    return MerkleFrontier.of(e.idx + 1, split(e.frontier));
  }

  private AuditReceipt write(AuditEvent event, MerkleFrontier tree) {
    long index = tree.size();
    Instant now = clock.instant();
    AuditEntry entry = entry(event, index, now);
    byte[] bytes = entry.toByteArray();
    byte[] leaf = MerkleTree.leafHash(bytes);
    tree.append(leaf);
    byte[] root = tree.root();
    SignedAuditCheckpoint checkpoint = signing.sign(tree.size(), root, now.toEpochMilli());
    rememberSigner();
    AuditLogEntry row = new AuditLogEntry();
    row.idx = index;
    row.at = now.atOffset(ZoneOffset.UTC);
    row.kind = event.kind().name();
    row.messageId = event.messageId();
    row.entry = bytes;
    row.leafHash = leaf;
    row.treeRoot = root;
    row.frontier = join(tree.hashes());
    row.checkpoint = checkpoint.toByteArray();
    em.persist(row);
    em.flush();
    return new AuditReceipt(index, leaf, checkpoint);
  }

  private AuditEntry entry(AuditEvent e, long index, Instant at) {
    AuditEntry.Builder b =
        AuditEntry.newBuilder()
            .setIndex(index)
            .setAtMs(at.toEpochMilli())
            .setAgency(signing.agency())
            .setNode(signing.node())
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

  private void rememberSigner() {
    String keyId = Certificates.fingerprint(signing.certificate());
    if (!keyId.equals(signerStored)
        && em.createNativeQuery("select 1 from audit_signer where key_id = ?1")
            .setParameter(1, keyId)
            .getResultList()
            .isEmpty()) {
      em.createNativeQuery("insert into audit_signer (key_id, certificate) values (?1, ?2)")
          .setParameter(1, keyId)
          .setParameter(2, Certificates.der(signing.certificate()))
          .executeUpdate();
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
