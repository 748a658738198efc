package org.liaison.node.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A checkpoint of another node's log, with the certificate that signed it. */
@Entity
@Table(name = "audit_partner_checkpoint")
public class PartnerCheckpoint {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String agency;

  @Column(nullable = false)
  public String node;

  @Column(name = "tree_size", nullable = false)
  public long treeSize;

  @Column(name = "root_hash", nullable = false)
  public byte[] rootHash;

  @Column(name = "timestamp_ms", nullable = false)
  public long timestampMs;

  @Column(nullable = false)
  public byte[] checkpoint;

  @Column(name = "signer_certificate", nullable = false)
  public byte[] signerCertificate;

  @Column(name = "received_at", nullable = false)
  public OffsetDateTime receivedAt;

  /** The agency it came from: the node itself, or a third node passing it on. */
  @Column(name = "received_from", nullable = false)
  public String receivedFrom;

  /** The largest tree size this checkpoint was proven a prefix of, if any. */
  @Column(name = "proven_to")
  public Long provenTo;

  /** When a finding was recorded against it: it is not asked about, nor reported, again. */
  @Column(name = "disputed_at")
  public OffsetDateTime disputedAt;
}
