package org.liaison.node.records;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Someone or something a case is about, with its identifiers and (for persons) name keys. */
@Entity
@Table(name = "subjects")
public class Subject extends CaseItem {
  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false)
  private SubjectKind kind;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Column(name = "date_of_birth")
  private LocalDate dateOfBirth;

  @OneToMany(mappedBy = "subject", cascade = CascadeType.PERSIST)
  private List<SubjectIdentifier> identifiers = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "subject_name_keys", joinColumns = @JoinColumn(name = "subject_id"))
  private Set<PersonNameKey> nameKeys = new LinkedHashSet<>();

  protected Subject() {}

  Subject(
      String externalId,
      CaseFile caseFile,
      SubjectKind kind,
      String displayName,
      LocalDate dateOfBirth,
      List<PersonNameKey> nameKeys) {
    super(externalId, caseFile);
    this.kind = kind;
    this.displayName = displayName;
    this.dateOfBirth = dateOfBirth;
    this.nameKeys.addAll(nameKeys);
  }

  void addIdentifier(SubjectIdentifier identifier) {
    identifiers.add(identifier);
  }

  public SubjectKind getKind() {
    return kind;
  }

  public String getDisplayName() {
    return displayName;
  }

  public LocalDate getDateOfBirth() {
    return dateOfBirth;
  }

  public List<SubjectIdentifier> getIdentifiers() {
    return List.copyOf(identifiers);
  }

  public Set<String> getNameKeys() {
    return nameKeys.stream().map(PersonNameKey::getNameKey).collect(Collectors.toUnmodifiableSet());
  }
}
