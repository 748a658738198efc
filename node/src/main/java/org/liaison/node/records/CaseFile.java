package org.liaison.node.records;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/** A case of this agency: its number, case agent (the point of contact) and status. */
@Entity
@Table(name = "cases")
public class CaseFile {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "case_number", nullable = false)
  private String caseNumber;

  @Column(name = "agency", nullable = false)
  private String agency;

  @Column(name = "agent_name", nullable = false)
  private String agentName;

  @Column(name = "agent_phone")
  private String agentPhone;

  @Column(name = "agent_email")
  private String agentEmail;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private CaseStatus status;

  @Column(name = "opened_on")
  private LocalDate opened;

  @Column(name = "closed_on")
  private LocalDate closed;

  @ElementCollection
  @CollectionTable(name = "case_crime_categories", joinColumns = @JoinColumn(name = "case_id"))
  @Column(name = "category")
  private Set<String> crimeCategories = new TreeSet<>();

  protected CaseFile() {}

  CaseFile(String caseNumber, String agency) {
    this.caseNumber = caseNumber;
    this.agency = agency;
  }

  void update(CaseLines.Draft d) {
    this.agentName = d.agentName();
    this.agentPhone = d.agentPhone();
    this.agentEmail = d.agentEmail();
    this.status = d.status();
    this.opened = d.opened();
    this.closed = d.closed();
    this.crimeCategories.clear();
    this.crimeCategories.addAll(d.crimeCategories());
  }

  public Long getId() {
    return id;
  }

  public String getCaseNumber() {
    return caseNumber;
  }

  public String getAgency() {
    return agency;
  }

  public String getAgentName() {
    return agentName;
  }

  public String getAgentPhone() {
    return agentPhone;
  }

  public String getAgentEmail() {
    return agentEmail;
  }

  public CaseStatus getStatus() {
    return status;
  }

  public LocalDate getOpened() {
    return opened;
  }

  public LocalDate getClosed() {
    return closed;
  }

  public Set<String> getCrimeCategories() {
    return Set.copyOf(crimeCategories);
  }
}
