package org.liaison.node.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.merkle.MerkleTree;
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
  @Transactional
  public AuditBundle export(long limit) {
    AuditBundle.Builder b =
        AuditBundle.newBuilder()
            .setFormat(AuditBundles.FORMAT)
            .setAgency(signing.agency())
            .setNode(signing.node())
            .setExportedAtMs(System.currentTimeMillis());
    long total = size();
    long n = limit == 0 ? total : coveredSize(Math.min(limit, total));
    AuditRecord last = null;
    for (long from = 0; from < n; from += PAGE) {
      for (AuditLogEntry e : page(from, (int) Math.min(PAGE, n - from))) {
        last = record(e);
        b.addRecords(last);
        em.detach(e);
      }
    }
    if (last != null) {
      b.setCheckpoint(last.getCheckpoint());
    }
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
    certs.values().forEach(c -> b.addCertificates(ByteString.copyFrom(Certificates.der(c))));
    return b.build();
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

  /** The leaf hashes of the first {@code n} entries, in order. */
  @Transactional
  public List<byte[]> leafHashes(long n) {
    List<byte[]> out = new ArrayList<>((int) n);
    for (long from = 0; from < n; from += PAGE) {
      List<byte[]> page =
          em.createQuery(
                  "select e.leafHash from AuditLogEntry e where e.idx >= :from and e.idx < :to"
                      + " order by e.idx",
                  byte[].class)
              .setParameter("from", from)
              .setParameter("to", Math.min(n, from + PAGE))
              .getResultList();
      out.addAll(page);
    }
    if (out.size() != n) {
      throw new IllegalStateException(
          "the audit log should hold "
              + n
              + " entries below index "
              + n
              + " but holds "
              + out.size());
    }
    return out;
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

  /** RFC 9162 inclusion path of {@code index} in the tree of {@code size}. */
  public List<byte[]> inclusionProof(long index, long size) {
    return MerkleTree.inclusionProof(leafHashes(size), (int) index);
  }

  /** RFC 9162 consistency proof from the tree of {@code first} to the tree of {@code second}. */
  public List<byte[]> consistencyProof(long first, long second) {
    return MerkleTree.consistencyProof(leafHashes(second), (int) first);
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
