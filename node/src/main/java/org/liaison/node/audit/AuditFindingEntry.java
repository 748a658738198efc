package org.liaison.node.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A partner's audit history found inconsistent. */
@Entity
@Table(name = "audit_finding")
public class AuditFindingEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public OffsetDateTime at;

  @Column(nullable = false)
  public String kind;

  @Column(name = "partner_agency", nullable = false)
  public String partnerAgency;

  @Column(name = "partner_node", nullable = false)
  public String partnerNode;

  @Column(nullable = false)
  public String detail;

  @Column(name = "first_checkpoint")
  public byte[] firstCheckpoint;

  @Column(name = "second_checkpoint")
  public byte[] secondCheckpoint;
}
