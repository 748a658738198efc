package org.liaison.node.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One leaf of the audit tree as stored (see V20__audit.sql). */
@Entity
@Table(name = "audit_log")
public class AuditLogEntry {
  @Id public Long idx;

  @Column(nullable = false)
  public OffsetDateTime at;

  @Column(nullable = false)
  public String kind;

  @Column(name = "message_id")
  public String messageId;

  @Column(nullable = false)
  public byte[] entry;

  @Column(name = "leaf_hash", nullable = false)
  public byte[] leafHash;

  @Column(name = "tree_root", nullable = false)
  public byte[] treeRoot;

  @Column(nullable = false)
  public byte[] frontier;

  @Column(nullable = false)
  public byte[] checkpoint;
}
