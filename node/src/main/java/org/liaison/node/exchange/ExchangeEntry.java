package org.liaison.node.exchange;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One request sent or answered, and its outcome. */
@Entity
@Table(name = "exchange_log")
public class ExchangeEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public OffsetDateTime at;

  /** {@code IN}: a partner asked us; {@code OUT}: we asked a partner. */
  @Column(nullable = false)
  public String direction;

  @Column(name = "partner_agency", nullable = false)
  public String partnerAgency;

  @Column(name = "agreement_id")
  public String agreementId;

  public String purpose;

  @Column(name = "case_reference")
  public String caseReference;

  @Column(name = "officer_id")
  public String officerId;

  @Column(name = "message_id")
  public String messageId;

  @Column(name = "content_type")
  public String contentType;

  /** MATCH, NO_MATCH, REFUSED, REJECTED, UNAVAILABLE, DEADLINE_EXCEEDED, CONFLICT, ... */
  @Column(nullable = false)
  public String outcome;

  public String reason;

  public String detail;
}
