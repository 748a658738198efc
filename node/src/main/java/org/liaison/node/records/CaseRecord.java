package org.liaison.node.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.vocabulary.RecordCategory;

/**
 * A document about subjects in a case: category, structured fields, body, originator agency,
 * handling caveats, 4x4 evaluation and retention date.
 */
@Entity
@Table(name = "records")
public class CaseRecord extends CaseItem {
  @Enumerated(EnumType.STRING)
  @Column(name = "category", nullable = false)
  private RecordCategory category;

  @Column(name = "originator_agency", nullable = false)
  private String originatorAgency;

  /** JSON object of string fields, keys sorted. */
  @Column(name = "fields_json", nullable = false)
  private String fieldsJson;

  @Column(name = "body")
  private String body;

  @Enumerated(EnumType.STRING)
  @Column(name = "tlp", nullable = false)
  private Tlp tlp;

  @Enumerated(EnumType.STRING)
  @Column(name = "handling_code", nullable = false)
  private HandlingCode handlingCode;

  @Column(name = "handling_conditions")
  private String handlingConditions;

  @Column(name = "source_evaluation", nullable = false)
  private String sourceEvaluation;

  @Column(name = "information_evaluation", nullable = false)
  private String informationEvaluation;

  @Column(name = "retention_date")
  private LocalDate retentionDate;

  @Column(name = "imported_at", nullable = false)
  private Instant importedAt;

  @ManyToMany
  @JoinTable(
      name = "record_subjects",
      joinColumns = @JoinColumn(name = "record_id"),
      inverseJoinColumns = @JoinColumn(name = "subject_id"))
  private List<Subject> subjects = new ArrayList<>();

  protected CaseRecord() {}

  CaseRecord(
      String externalId, CaseFile caseFile, RecordCategory category, String originatorAgency) {
    super(externalId, caseFile);
    this.category = category;
    this.originatorAgency = originatorAgency;
    this.importedAt = Instant.now();
  }

  void content(String fieldsJson, String body) {
    this.fieldsJson = fieldsJson;
    this.body = body;
  }

  void caveats(Tlp tlp, HandlingCode handlingCode, String handlingConditions) {
    this.tlp = tlp;
    this.handlingCode = handlingCode;
    this.handlingConditions = handlingConditions;
  }

  void evaluation(char source, char information, LocalDate retentionDate) {
    this.sourceEvaluation = String.valueOf(source);
    this.informationEvaluation = String.valueOf(information);
    this.retentionDate = retentionDate;
  }

  void addSubject(Subject subject) {
    if (!subjects.contains(subject)) {
      subjects.add(subject);
    }
  }

  public RecordCategory getCategory() {
    return category;
  }

  public String getOriginatorAgency() {
    return originatorAgency;
  }

  public String getFieldsJson() {
    return fieldsJson;
  }

  public String getBody() {
    return body;
  }

  public Tlp getTlp() {
    return tlp;
  }

  public HandlingCode getHandlingCode() {
    return handlingCode;
  }

  public String getHandlingConditions() {
    return handlingConditions;
  }

  /** The 4x4 code, e.g. "B2": source reliability A-C or X, information assessment 1-4. */
  public String getEvaluation() {
    return sourceEvaluation + informationEvaluation;
  }

  public LocalDate getRetentionDate() {
    return retentionDate;
  }

  public Instant getImportedAt() {
    return importedAt;
  }

  public List<Subject> getSubjects() {
    return List.copyOf(subjects);
  }

  /** Caveats as disclosed: "TLP:AMBER", "H2"; for H3 also "H3 conditions: ...". */
  public List<String> caveats() {
    return caveatsOf(tlp, handlingCode, handlingConditions);
  }

  /** A record's caveats from its stored marking (read without the entity by the record search). */
  public static List<String> caveatsOf(
      Tlp tlp, HandlingCode handlingCode, String handlingConditions) {
    List<String> caveats = new ArrayList<>(3);
    caveats.add(tlp.caveat());
    caveats.add(handlingCode.name());
    if (handlingCode == HandlingCode.H3) {
      caveats.add("H3 conditions: " + handlingConditions);
    }
    return caveats;
  }
}
