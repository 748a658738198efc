package org.liaison.node.records;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.liaison.node.identifiers.IdentifierNormalizer;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.identifiers.NormalizedIdentifier;
import org.liaison.node.identifiers.PersonKeys;
import org.liaison.wire.v1.IdentifierType;

/** Builds a subject and its identifiers from a subject object (a line, or inline in a record). */
final class SubjectFactory {
  static final Set<String> SUBJECT_FIELDS =
      Set.of("id", "type", "name", "dateOfBirth", "identifiers");
  private static final Set<String> IDENTIFIER_FIELDS = Set.of("type", "value", "country");

  private SubjectFactory() {}

  /** A validated subject, not yet stored. */
  record Draft(
      String externalId,
      SubjectKind kind,
      String name,
      LocalDate dateOfBirth,
      Set<String> nameKeys,
      List<NormalizedIdentifier> identifiers) {
    /** The name keys as stored, each with the date of birth beside it (V85), in key order. */
    List<PersonNameKey> personNameKeys() {
      return new TreeSet<>(nameKeys).stream().map(k -> new PersonNameKey(k, dateOfBirth)).toList();
    }
  }

  static Subject create(Line subject, String externalId, CaseFile caseFile, EntityManager em) {
    Draft d = draft(subject, externalId, caseFile.getAgency());
    Subject s =
        new Subject(externalId, caseFile, d.kind(), d.name(), d.dateOfBirth(), d.personNameKeys());
    em.persist(s);
    for (NormalizedIdentifier id : d.identifiers()) {
      SubjectIdentifier stored = new SubjectIdentifier(s, id);
      s.addIdentifier(stored);
      em.persist(stored);
    }
    return s;
  }

  /**
   * Validates a subject object and normalises its identifiers and name keys, without storing it.
   *
   * @param caseAgency the agency of the subject's case: the region of phone numbers without one
   */
  static Draft draft(Line subject, String externalId, String caseAgency) {
    SubjectKind kind = subject.enumValue("type", SubjectKind.class, null);
    String name = subject.optionalText("name");
    LocalDate dateOfBirth = subject.date("dateOfBirth");
    if (dateOfBirth != null && kind != SubjectKind.PERSON) {
      throw subject.invalid("'dateOfBirth' is only for PERSON subjects");
    }
    List<NormalizedIdentifier> identifiers = new ArrayList<>();
    for (JsonNode node : subject.array("identifiers")) {
      identifiers.add(identifier(new Line(node, subject.what() + " identifier"), caseAgency));
    }
    if (kind.needsIdentifier() && identifiers.isEmpty()) {
      throw subject.invalid("a " + kind + " subject needs at least one identifier");
    }
    if (name == null) {
      if (!kind.needsIdentifier()) {
        throw subject.invalid("'name' is missing");
      }
      name = identifiers.get(0).value();
    }
    Set<String> keys;
    try {
      keys = kind == SubjectKind.PERSON ? PersonKeys.of(name) : Set.of();
    } catch (InvalidIdentifierException e) {
      throw subject.invalid(e.getMessage());
    }
    return new Draft(externalId, kind, name, dateOfBirth, keys, List.copyOf(identifiers));
  }

  /** Phone numbers without a country code are read in the region of the case's agency. */
  private static NormalizedIdentifier identifier(Line line, String caseAgency) {
    if (!line.node().isObject()) {
      throw line.invalid("each identifier must be an object with type, value and country");
    }
    line.allowOnly(IDENTIFIER_FIELDS);
    IdentifierType type = line.enumValue("type", IdentifierType.class, null);
    String country = line.optionalText("country");
    if (country == null && type == IdentifierType.PHONE) {
      country = caseAgency;
    }
    try {
      return IdentifierNormalizer.normalize(type, line.text("value"), country);
    } catch (InvalidIdentifierException e) {
      throw line.invalid(e.getMessage());
    }
  }
}
