package org.liaison.node.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.liaison.node.runtime.BackgroundJobs;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.CertificateValidator;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.SignedAuditCheckpoint;
import org.liaison.wire.v1.WitnessedCheckpoint;

/**
 * What this node holds of other nodes' logs: every distinct signed checkpoint it received, from the
 * node itself (envelope headers, consistency answers) or from a third node (gossip). Two
 * checkpoints of one node with the same size and different roots are a fork, recorded at once as a
 * {@code PARTNER_HISTORY_INCONSISTENT} finding (and as a FINDING entry of this node's own log).
 */
@ApplicationScoped
public class PartnerHistory {
  public static final String INCONSISTENT = Reason.PARTNER_HISTORY_INCONSISTENT.name();
  private static final Logger LOG = Logger.getLogger(PartnerHistory.class);

  @Inject EntityManager em;
  @Inject AuditLog audit;
  @Inject AuditSigning self;
  @Inject NodeKeys keys;
  @Inject BackgroundJobs jobs;

  /** The scheduler's tick: the queue is short-lived, and every reader settles it first anyway. */
  static final long SETTLE_EVERY_MS = 1000;

  private static final int MAX_QUEUED = 10_000;
  private final Queue<Observation> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final ReentrantLock settling = new ReentrantLock();

  /**
   * The checkpoint in a verified envelope's header, signed by the envelope's signer: queued, so the
   * exchange does not wait for its signature check and its row (decision 0011). The queue is
   * settled in the background every {@link #SETTLE_EVERY_MS} ms and before anything reads what this
   * node holds; of a burst from one node only the largest tree (and any same-size contradiction) is
   * kept: consistency proofs from the largest cover the smaller ones.
   */
  public void fromEnvelope(Header h, X509Certificate signer) {
    if (h.getAuditCheckpoint().isEmpty()) {
      return;
    }
    try {
      SignedAuditCheckpoint signed = SignedAuditCheckpoint.parseFrom(h.getAuditCheckpoint());
      if (queued.incrementAndGet() > MAX_QUEUED) {
        queued.decrementAndGet();
        return; // a flood: the checkpoints already queued (and the next ones) will do
      }
      pending.add(new Observation(h.getSenderAgency(), signed, signer));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // never a reason to drop a valid message; the next checkpoint will do
      LOG.warnf("ignored the audit checkpoint of %s: %s", h.getSenderAgency(), e.getMessage());
    }
  }

  private record Observation(String agency, SignedAuditCheckpoint signed, X509Certificate signer) {
    String key() {
      AuditCheckpoint c =
          AuditCheckpoints.parse(signed).orElse(AuditCheckpoint.getDefaultInstance());
      return agency + "/" + c.getNode();
    }

    long size() {
      return AuditCheckpoints.parse(signed).map(AuditCheckpoint::getTreeSize).orElse(-1L);
    }
  }

  /**
   * Stores what envelopes brought since the last time, in the caller's transaction. The lock is
   * held until the background settler's own transaction has committed, so a reader never finds the
   * queue empty while its content is not yet visible.
   */
  void settle() {
    settling.lock();
    try {
      settleLocked();
    } finally {
      settling.unlock();
    }
  }

  private void settleLocked() {
    List<Observation> drained = new ArrayList<>();
    for (Observation o; (o = pending.poll()) != null; ) {
      queued.decrementAndGet();
      drained.add(o);
    }
    for (Observation o : worthKeeping(drained)) {
      observe(o.agency(), o.signed(), o.signer(), o.agency());
    }
  }

  /** Per node: the largest tree, and every checkpoint of a size seen with two different roots. */
  static List<Observation> worthKeeping(List<Observation> drained) {
    Map<String, Long> largest = new LinkedHashMap<>();
    Map<String, Map<String, Observation>> bySize = new LinkedHashMap<>();
    for (Observation o : drained) {
      largest.merge(o.key(), o.size(), Math::max);
      String root =
          AuditCheckpoints.parse(o.signed())
              .map(c -> java.util.HexFormat.of().formatHex(c.getRootHash().toByteArray()))
              .orElse("");
      bySize
          .computeIfAbsent(o.key() + "#" + o.size(), k -> new LinkedHashMap<>())
          .putIfAbsent(root, o);
    }
    List<Observation> keep = new ArrayList<>();
    for (Map<String, Observation> roots : bySize.values()) {
      Observation any = roots.values().iterator().next();
      if (roots.size() > 1 || any.size() == largest.get(any.key())) {
        keep.addAll(roots.values());
      }
    }
    return keep;
  }

  void start(@Observes StartupEvent event) {
    jobs.every("partner-checkpoints", Duration.ofMillis(SETTLE_EVERY_MS), this::settleInBackground);
  }

  private void settleInBackground() {
    if (pending.isEmpty()) {
      return;
    }
    settling.lock();
    try {
      QuarkusTransaction.requiringNew().run(this::settleLocked);
    } catch (RuntimeException e) {
      LOG.warnf(e, "could not store partners' checkpoints; trying again");
    } finally {
      settling.unlock();
    }
  }

  /** A checkpoint passed on by {@code from}; its certificate is validated here first. */
  public void witnessed(WitnessedCheckpoint w, String from) {
    try {
      X509Certificate cert = Certificates.parse(w.getSignerCertificate().toByteArray());
      Optional<AuditCheckpoint> c = AuditCheckpoints.parse(w.getCheckpoint());
      if (c.isEmpty()) {
        return;
      }
      new CertificateValidator(keys.directory())
          .validate(cert, c.get().getAgency(), CertificateRole.NODE_SIGNING, Instant.now());
      observe(c.get().getAgency(), w.getCheckpoint(), cert, from);
    } catch (CertificateException | RuntimeException e) {
      LOG.warnf("ignored a checkpoint passed on by %s: %s", from, e.getMessage());
    }
  }

  /**
   * Records a checkpoint of {@code agency} if its signature holds, and raises a finding when it
   * contradicts one held already. Returns the checkpoint, or empty when it was not valid.
   */
  @Transactional
  public Optional<AuditCheckpoint> observe(
      String agency, SignedAuditCheckpoint signed, X509Certificate signer, String from) {
    Optional<AuditCheckpoint> verified = AuditCheckpoints.verify(signed, signer);
    if (verified.isEmpty()
        || !verified.get().getAgency().equals(agency)
        || !Certificates.organization(signer).orElse("").equals(agency)) {
      LOG.warnf("a checkpoint said to be of %s (from %s) does not verify; ignored", agency, from);
      return Optional.empty();
    }
    AuditCheckpoint c = verified.get();
    if (c.getAgency().equals(self.agency()) && c.getNode().equals(self.node())) {
      return verified; // our own, passed back to us: our log is checked by Verify
    }
    List<PartnerCheckpoint> same = ofSize(c.getAgency(), c.getNode(), c.getTreeSize());
    for (PartnerCheckpoint held : same) {
      if (MessageDigest.isEqual(held.rootHash, c.getRootHash().toByteArray())) {
        return verified;
      }
    }
    PartnerCheckpoint row = new PartnerCheckpoint();
    row.agency = c.getAgency();
    row.node = c.getNode();
    row.treeSize = c.getTreeSize();
    row.rootHash = c.getRootHash().toByteArray();
    row.timestampMs = c.getTimestampMs();
    row.checkpoint = signed.toByteArray();
    row.signerCertificate = Certificates.der(signer);
    row.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    row.receivedFrom = from;
    em.persist(row);
    if (!same.isEmpty()) {
      PartnerCheckpoint other = same.get(0);
      finding(
          c.getAgency(),
          c.getNode(),
          "two checkpoints of "
              + c.getNode()
              + "."
              + c.getAgency()
              + " both cover "
              + c.getTreeSize()
              + " entries but with different roots (one received from "
              + other.receivedFrom
              + ", one from "
              + from
              + "): it showed different histories",
          other.checkpoint,
          row.checkpoint);
    }
    return verified;
  }

  /** Every held checkpoint of one agency's nodes, smallest first. */
  @Transactional
  public List<PartnerCheckpoint> held(String agency) {
    settle();
    return em.createQuery(
            "from PartnerCheckpoint where agency = :a order by treeSize, id",
            PartnerCheckpoint.class)
        .setParameter("a", agency)
        .getResultList();
  }

  /** The latest held checkpoint of every node, as gossip to pass on (except {@code skip}'s). */
  @Transactional
  public List<WitnessedCheckpoint> latestExcept(String skipAgency) {
    settle();
    Map<String, PartnerCheckpoint> latest = new LinkedHashMap<>();
    for (PartnerCheckpoint p :
        em.createQuery("from PartnerCheckpoint order by treeSize", PartnerCheckpoint.class)
            .getResultList()) {
      if (!p.agency.equals(skipAgency)) {
        latest.put(p.agency + "/" + p.node, p);
      }
    }
    List<WitnessedCheckpoint> out = new ArrayList<>();
    for (PartnerCheckpoint p : latest.values()) {
      try {
        out.add(
            WitnessedCheckpoint.newBuilder()
                .setCheckpoint(SignedAuditCheckpoint.parseFrom(p.checkpoint))
                .setSignerCertificate(ByteString.copyFrom(p.signerCertificate))
                .build());
      } catch (InvalidProtocolBufferException e) {
        // stored from a valid message; cannot happen unless the table was edited
      }
    }
    return out;
  }

  /** The latest held checkpoint per node. */
  @Transactional
  public List<AuditCheckpoint> latestPerNode() {
    List<AuditCheckpoint> out = new ArrayList<>();
    for (WitnessedCheckpoint w : latestExcept("")) {
      AuditCheckpoints.parse(w.getCheckpoint()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Marks a checkpoint proven a prefix of the tree of {@code size}. A proven checkpoint smaller
   * than that tree is then dropped: consistency is transitive, so the larger one held stands for it
   * in every later check.
   */
  @Transactional
  void provenTo(PartnerCheckpoint p, long size) {
    PartnerCheckpoint managed = em.find(PartnerCheckpoint.class, p.id);
    if (managed == null) {
      return;
    }
    if (managed.treeSize < size) {
      em.remove(managed);
    } else {
      managed.provenTo = size;
    }
  }

  /** A finding was recorded against {@code p}: it is not asked about, nor reported, again. */
  @Transactional
  void disputed(PartnerCheckpoint p) {
    PartnerCheckpoint managed = em.find(PartnerCheckpoint.class, p.id);
    if (managed != null) {
      managed.disputedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
  }

  /** Records a finding, in the findings table and as an entry of this node's own log. */
  @Transactional
  public void finding(String agency, String node, String detail, byte[] first, byte[] second) {
    LOG.errorf("%s: %s", INCONSISTENT, detail);
    AuditFindingEntry f = new AuditFindingEntry();
    f.at = OffsetDateTime.now(ZoneOffset.UTC);
    f.kind = INCONSISTENT;
    f.partnerAgency = agency;
    f.partnerNode = node;
    f.detail = detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    f.firstCheckpoint = first;
    f.secondCheckpoint = second;
    em.persist(f);
    audit.append(
        AuditEvent.builder(AuditKind.FINDING)
            .answeringAgency(agency)
            .outcome(INCONSISTENT)
            .reason(INCONSISTENT)
            .detail(detail)
            .build());
  }

  @Transactional
  public List<AuditFindingEntry> findings() {
    settle();
    return em.createQuery("from AuditFindingEntry order by id", AuditFindingEntry.class)
        .getResultList();
  }

  private List<PartnerCheckpoint> ofSize(String agency, String node, long size) {
    return em.createQuery(
            "from PartnerCheckpoint where agency = :a and node = :n and treeSize = :s order by id",
            PartnerCheckpoint.class)
        .setParameter("a", agency)
        .setParameter("n", node)
        .setParameter("s", size)
        .getResultList();
  }
}
