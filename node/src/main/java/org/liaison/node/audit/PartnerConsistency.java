package org.liaison.node.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.partners.Partners;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.CertificateValidator;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditConsistencyAnswer;
import org.liaison.wire.v1.AuditConsistencyRequest;
import org.liaison.wire.v1.ConsistencyProof;
import org.liaison.wire.v1.WitnessedCheckpoint;

/**
 * Asks a partner to prove that every checkpoint held of it (received from it or passed on by a
 * third node) is a prefix of its current log, and passes on the checkpoints held of others. A proof
 * that fails, or is missing, is a {@code PARTNER_HISTORY_INCONSISTENT} finding.
 */
@ApplicationScoped
public class PartnerConsistency {
  public static final String PURPOSE = "AUDIT_CONSISTENCY";
  static final String CONTENT_TYPE = AuditConsistencyRequest.getDescriptor().getFullName();
  private static final long DEADLINE_MS = 10_000;
  static final int MAX_SIZES = 64;

  @Inject PartnerHistory history;
  @Inject PartnerCall calls;
  @Inject Partners partners;
  @Inject NodeKeys keys;

  /** Checks every partner with an agreement in force; returns one sentence per partner. */
  public List<String> checkAll() {
    List<String> out = new ArrayList<>();
    for (PartnerAgreement p : partners.forPurpose(PURPOSE)) {
      out.add(check(p));
    }
    return out;
  }

  /** Asks one partner; returns what happened, in a sentence. */
  public String check(PartnerAgreement partner) {
    AuditConsistencyRequest request = request(partner.agency());
    byte[] answer;
    try {
      answer =
          calls
              .send(
                  new OutboundRequest(
                      new ExchangeScope(partner.agency(), partner.agreementId(), PURPOSE, "audit"),
                      "node",
                      CONTENT_TYPE),
                  request,
                  DEADLINE_MS)
              .get(DEADLINE_MS + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return partner.agency() + ": not checked (" + rootMessage(e) + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return partner.agency() + ": not checked (interrupted)";
    }
    try {
      return accept(
          partner.agency(), request.getSizesList(), AuditConsistencyAnswer.parseFrom(answer));
    } catch (InvalidProtocolBufferException e) {
      return partner.agency() + ": the answer is not an AuditConsistencyAnswer";
    }
  }

  /**
   * What to ask {@code agency}: the sizes of the checkpoints held of it and not yet proven (the
   * oldest {@value #MAX_SIZES}), and our gossip.
   */
  public AuditConsistencyRequest request(String agency) {
    TreeSet<Long> sizes = new TreeSet<>();
    for (PartnerCheckpoint p : history.held(agency)) {
      if (p.provenTo == null && p.disputedAt == null && sizes.size() < MAX_SIZES) {
        sizes.add(p.treeSize);
      }
    }
    return AuditConsistencyRequest.newBuilder()
        .addAllSizes(sizes)
        .addAllWitnessed(history.latestExcept(agency))
        .build();
  }

  /** Checks a partner's answer to a request for {@code asked} sizes against what is held. */
  public String accept(String agency, List<Long> asked, AuditConsistencyAnswer a) {
    if (a.hasRefusal()) {
      return agency
          + ": refused ("
          + a.getRefusal().getReason()
          + ": "
          + a.getRefusal().getMessage()
          + ")";
    }
    for (WitnessedCheckpoint w : a.getWitnessedList()) {
      history.witnessed(w, agency);
    }
    Optional<AuditCheckpoint> current = current(agency, a.getCurrent());
    if (current.isEmpty()) {
      return agency + ": the answer's current checkpoint does not verify";
    }
    AuditCheckpoint now = current.get();
    List<PartnerCheckpoint> held =
        history.held(agency).stream().filter(p -> p.node.equals(now.getNode())).toList();
    int checked = 0;
    List<PartnerCheckpoint> rolledBack = new ArrayList<>();
    Map<PartnerCheckpoint, String> other = new LinkedHashMap<>();
    for (PartnerCheckpoint p : held) {
      // a checkpoint received after the request was sent (e.g. in this answer's own header,
      // signed after the answer was computed) is checked next time, not against this answer
      if (p.disputedAt != null
          || (!asked.contains(p.treeSize) && p.treeSize != now.getTreeSize())) {
        continue;
      }
      Optional<ConsistencyProof> proof =
          a.getProofsList().stream().filter(x -> x.getFirstSize() == p.treeSize).findFirst();
      checked++;
      String problem = problem(p, proof, now);
      if (problem == null) {
        history.provenTo(p, now.getTreeSize());
      } else if (p.treeSize > now.getTreeSize()) {
        rolledBack.add(p);
      } else {
        other.put(p, problem);
      }
    }
    byte[] evidence = a.getCurrent().getCheckpoint().toByteArray();
    // a roll-back leaves every checkpoint signed beyond the restored log unprovable: one finding
    // (evidence: the largest of them), not one per checkpoint
    rolledBack.stream()
        .max(java.util.Comparator.comparingLong(p -> p.treeSize))
        .ifPresent(
            largest ->
                history.finding(
                    agency,
                    now.getNode(),
                    rollBack(rolledBack, largest, now),
                    largest.checkpoint,
                    evidence));
    other.forEach(
        (p, problem) -> history.finding(agency, now.getNode(), problem, p.checkpoint, evidence));
    rolledBack.forEach(history::disputed);
    other.keySet().forEach(history::disputed);
    int problems = rolledBack.size() + other.size();
    return problems == 0
        ? agency
            + ": consistent up to "
            + now.getTreeSize()
            + " entries ("
            + checked
            + " checkpoints checked)"
        : agency
            + ": "
            + problems
            + " checkpoint(s) inconsistent with its current log: "
            + PartnerHistory.INCONSISTENT;
  }

  private static String rollBack(
      List<PartnerCheckpoint> beyond, PartnerCheckpoint largest, AuditCheckpoint now) {
    String who = now.getNode() + "." + now.getAgency();
    long smallest = beyond.stream().mapToLong(p -> p.treeSize).min().orElse(largest.treeSize);
    return who
        + " signed a checkpoint of "
        + largest.treeSize
        + " entries but now has "
        + now.getTreeSize()
        + ": its log was rolled back"
        + (beyond.size() == 1
            ? ""
            : " ("
                + beyond.size()
                + " checkpoints held, of "
                + smallest
                + " to "
                + largest.treeSize
                + " entries, are beyond it)");
  }

  /** Null when {@code p} is a prefix of {@code now}, else the sentence of the finding. */
  private static String problem(
      PartnerCheckpoint p, Optional<ConsistencyProof> proof, AuditCheckpoint now) {
    String who = now.getNode() + "." + now.getAgency();
    if (p.treeSize > now.getTreeSize()) {
      return who
          + " signed a checkpoint of "
          + p.treeSize
          + " entries but now has "
          + now.getTreeSize()
          + ": its log was rolled back";
    }
    byte[] currentRoot = now.getRootHash().toByteArray();
    if (p.treeSize == now.getTreeSize()) {
      return MessageDigest.isEqual(p.rootHash, currentRoot)
          ? null
          : who + " signed two different trees of " + p.treeSize + " entries";
    }
    if (proof.isEmpty() || proof.get().getSecondSize() != now.getTreeSize()) {
      return who
          + " gave no consistency proof from "
          + p.treeSize
          + " to "
          + now.getTreeSize()
          + " entries";
    }
    List<byte[]> hashes =
        proof.get().getHashesList().stream().map(ByteString::toByteArray).toList();
    return MerkleTree.verifyConsistency(
            p.treeSize, now.getTreeSize(), hashes, p.rootHash, currentRoot)
        ? null
        : who
            + "'s log of "
            + now.getTreeSize()
            + " entries does not extend the one of "
            + p.treeSize
            + " entries it signed (received from "
            + p.receivedFrom
            + "): the consistency proof fails";
  }

  private Optional<AuditCheckpoint> current(String agency, WitnessedCheckpoint w) {
    try {
      X509Certificate cert = Certificates.parse(w.getSignerCertificate().toByteArray());
      new CertificateValidator(keys.directory())
          .validate(cert, agency, CertificateRole.NODE_SIGNING, Instant.now());
      Optional<AuditCheckpoint> c = AuditCheckpoints.verify(w.getCheckpoint(), cert);
      if (c.isEmpty() || !c.get().getAgency().equals(agency)) {
        return Optional.empty();
      }
      history.observe(agency, w.getCheckpoint(), cert, agency);
      return c;
    } catch (CertificateException e) {
      return Optional.empty();
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage();
  }
}
