package org.liaison.node.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.liaison.node.identifiers.NormalizedIdentifier;
import org.liaison.wire.v1.IdentifierType;

/** A typed identifier of a subject, stored both as given and normalised (the lookup key). */
@Entity
@Table(name = "identifiers")
public class SubjectIdentifier {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "subject_id")
  private Subject subject;

  @Enumerated(EnumType.STRING)
  @Column(name = "type", nullable = false)
  private IdentifierType type;

  @Column(name = "raw_value", nullable = false)
  private String rawValue;

  @Column(name = "normalised_value", nullable = false)
  private String normalisedValue;

  @Column(name = "country")
  private String country;

  protected SubjectIdentifier() {}

  SubjectIdentifier(Subject subject, NormalizedIdentifier identifier) {
    this.subject = subject;
    this.type = identifier.type();
    this.rawValue = identifier.raw();
    this.normalisedValue = identifier.value();
    this.country = identifier.country();
  }

  public Subject getSubject() {
    return subject;
  }

  public IdentifierType getType() {
    return type;
  }

  public String getRawValue() {
    return rawValue;
  }

  public String getNormalisedValue() {
    return normalisedValue;
  }

  public String getCountry() {
    return country;
  }
}
