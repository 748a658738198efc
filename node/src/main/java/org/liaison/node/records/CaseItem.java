package org.liaison.node.records;

import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;

/**
 * Something filed under a case (a subject, a record, an operation), known by the id the agency's
 * own system gave it: unique per kind, so a re-import finds it again.
 */
@MappedSuperclass
public abstract class CaseItem {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "external_id", nullable = false)
  private String externalId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "case_id")
  private CaseFile caseFile;

  protected CaseItem() {}

  CaseItem(String externalId, CaseFile caseFile) {
    this.externalId = externalId;
    this.caseFile = caseFile;
  }

  /** Files the item under {@code caseFile} (an operation may move to another case on re-import). */
  void fileUnder(CaseFile caseFile) {
    this.caseFile = caseFile;
  }

  public Long getId() {
    return id;
  }

  public String getExternalId() {
    return externalId;
  }

  public CaseFile getCaseFile() {
    return caseFile;
  }
}
