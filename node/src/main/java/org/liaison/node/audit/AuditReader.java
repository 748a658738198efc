package org.liaison.node.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.merkle.SubtreeHashes;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/** Reads the log back: bundles for oversight, proofs for partners and officers. */
@ApplicationScoped
public class AuditReader {
  private static final int PAGE = 2000;

  @Inject EntityManager em;
  @Inject AuditSigning signing;

  /** The number of entries. */
  @Transactional
  public long size() {
    return em.createQuery("select count(e) from AuditLogEntry e", Long.class).getSingleResult();
  }

  /** The first {@code limit} entries (0 = all) as stored, with checkpoints and certificates. */
  public AuditBundle export(long limit) {
    AuditBundle.Builder b = AuditBundle.newBuilder();
    export(limit, b::mergeFrom);
    return b.build();
  }

  /**
   * The first {@code limit} entries (0 = all) in parts of at most {@value #PAGE} records, each
   * handed to {@code sink} as it is read: the first part carries the bundle's header and
   * certificates, the last its checkpoint, and merged in order they are the bundle. One transaction
   * reads them all, so the parts are of one state of the log however long a slow reader takes (up
   * to the hour the timeout allows).
   */
  @Transactional
  @TransactionConfiguration(timeout = 3600)
  public void export(long limit, Consumer<AuditBundle> sink) {
    long total = size();
    long n = limit == 0 ? total : coveredSize(Math.min(limit, total));
    AuditBundle.Builder part =
        AuditBundle.newBuilder()
            .setFormat(AuditBundles.FORMAT)
            .setAgency(signing.agency())
            .setNode(signing.node())
            .setExportedAtMs(System.currentTimeMillis())
            .addAllCertificates(certificates());
    AuditRecord last = null;
    for (long from = 0; from < n; from += PAGE) {
      for (AuditLogEntry e : page(from, (int) Math.min(PAGE, n - from))) {
        last = record(e);
        part.addRecords(last);
        em.detach(e);
      }
      if (from + PAGE < n) {
        sink.accept(part.build());
        part = AuditBundle.newBuilder();
      }
    }
    if (last != null) {
      part.setCheckpoint(last.getCheckpoint());
    }
    sink.accept(part.build());
  }

  private List<ByteString> certificates() {
    Map<String, X509Certificate> certs = new LinkedHashMap<>();
    for (Object der :
        em.createNativeQuery("select certificate from audit_signer").getResultList()) {
      try {
        X509Certificate c = Certificates.parse((byte[]) der);
        certs.put(Certificates.fingerprint(c), c);
      } catch (CertificateException ex) {
        throw new IllegalStateException("a stored audit signing certificate does not parse", ex);
      }
    }
    for (X509Certificate c : signing.chain()) {
      certs.putIfAbsent(Certificates.fingerprint(c), c);
    }
    return certs.values().stream().map(c -> ByteString.copyFrom(Certificates.der(c))).toList();
  }

  /** The stored entry at {@code index}, with its checkpoint. */
  @Transactional
  public AuditRecord record(long index) {
    AuditLogEntry e = em.find(AuditLogEntry.class, index);
    if (e == null) {
      throw new IllegalArgumentException(
          "the audit log has no entry " + index + "; it holds " + size() + " entries");
    }
    return record(e);
  }

  /**
   * The signed checkpoint that covers the first {@code size} entries: the one signed after the
   * batch holding entry {@code size - 1}, so its tree may be larger (see {@link #coveredSize}).
   */
  @Transactional
  public SignedAuditCheckpoint checkpointAt(long size) {
    return record(size - 1).getCheckpoint();
  }

  /**
   * The smallest signed tree size that covers the first {@code size} entries: {@code size} itself
   * when entry {@code size - 1} ended its batch, the end of its batch otherwise.
   */
  @Transactional
  public long coveredSize(long size) {
    if (size == 0) {
      return 0;
    }
    return AuditCheckpoints.parse(checkpointAt(size))
        .map(org.liaison.wire.v1.AuditCheckpoint::getTreeSize)
        .orElse(size);
  }

  /**
   * RFC 9162 inclusion path of {@code index} in the tree of {@code size}, from the stored leaf
   * hashes and frontiers: O(log^2 size) reads, whatever the size of the log.
   */
  @Transactional
  public List<byte[]> inclusionProof(long index, long size) {
    return MerkleTree.inclusionProof(storedSubtrees(), index, size);
  }

  /** RFC 9162 consistency proof from the tree of {@code first} to the tree of {@code second}. */
  @Transactional
  public List<byte[]> consistencyProof(long first, long second) {
    return MerkleTree.consistencyProof(storedSubtrees(), first, second);
  }

  private SubtreeHashes storedSubtrees() {
    Map<Long, AuditLogEntry> read = new HashMap<>();
    Function<Long, AuditLogEntry> row =
        index ->
            read.computeIfAbsent(
                index,
                i -> {
                  AuditLogEntry e = em.find(AuditLogEntry.class, i);
                  if (e == null) {
                    throw new IllegalArgumentException(
                        "the audit log has no entry " + i + "; it holds " + size() + " entries");
                  }
                  em.detach(e);
                  return e;
                });
    return SubtreeHashes.ofFrontiers(
        new SubtreeHashes.LogHashes() {
          @Override
          public byte[] leafHash(long index) {
            return row.apply(index).leafHash;
          }

          @Override
          public List<byte[]> frontierAfter(long size) {
            return AuditLog.split(row.apply(size - 1).frontier);
          }
        });
  }

  private List<AuditLogEntry> page(long from, int count) {
    return em.createQuery(
            "from AuditLogEntry e where e.idx >= :from order by e.idx", AuditLogEntry.class)
        .setParameter("from", from)
        .setMaxResults(count)
        .getResultList();
  }

  private static AuditRecord record(AuditLogEntry e) {
    AuditRecord.Builder r =
        AuditRecord.newBuilder()
            .setIndex(e.idx)
            .setEntry(ByteString.copyFrom(e.entry))
            .setLeafHash(ByteString.copyFrom(e.leafHash));
    try {
      r.setCheckpoint(SignedAuditCheckpoint.parseFrom(e.checkpoint));
    } catch (InvalidProtocolBufferException x) {
      // left out: the verifier reports the entry as having no checkpoint
    }
    try {
      r.setDecoded(AuditEntry.parseFrom(e.entry));
    } catch (InvalidProtocolBufferException x) {
      // left out: the verifier reports the entry bytes as altered
    }
    return r.build();
  }
}
