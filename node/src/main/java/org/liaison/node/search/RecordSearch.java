package org.liaison.node.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;
import org.liaison.node.identifiers.IdentifierNormalizer;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.identifiers.NameMatch;
import org.liaison.node.identifiers.NameMatch.Confidence;
import org.liaison.node.identifiers.NormalizedIdentifier;
import org.liaison.node.records.CaseFile;
import org.liaison.node.records.CaseRecord;
import org.liaison.node.records.Subject;
import org.liaison.wire.v1.IdentifierType;

/**
 * Finds the records a federated query is about: by identifier (exact, after normalisation) or by
 * person (name index, then the name matcher grades each candidate). Read-only.
 */
@ApplicationScoped
public class RecordSearch {
  private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};
  private static final Comparator<RecordMatch> BEST_FIRST =
      Comparator.comparing(RecordMatch::confidence).reversed().thenComparing(RecordMatch::recordId);

  private final EntityManager em;
  private final ObjectMapper json;

  @Inject
  public RecordSearch(EntityManager em, ObjectMapper json) {
    this.em = em;
    this.json = json;
  }

  /**
   * Records about a subject carrying this identifier, written in any format.
   *
   * @param country region to read a national phone number in, plate or document country (for plates
   *     and documents it must then agree with the stored country, when one is stored)
   * @throws InvalidIdentifierException when the identifier is not valid for its type
   */
  @Transactional
  public List<RecordMatch> byIdentifier(IdentifierType type, String raw, String country) {
    NormalizedIdentifier id = IdentifierNormalizer.normalize(type, raw, country);
    boolean countryMatters =
        id.country() != null && (type == IdentifierType.PLATE || type == IdentifierType.DOCUMENT);
    TypedQuery<Object[]> query =
        em.createQuery(
                "select distinct r, s from CaseRecord r join r.subjects s join s.identifiers i"
                    + " where i.type = :type and i.normalisedValue = :value"
                    + (countryMatters ? " and (i.country is null or i.country = :country)" : ""),
                Object[].class)
            .setParameter("type", type)
            .setParameter("value", id.value())
            .setHint(HibernateHints.HINT_READ_ONLY, true);
    if (countryMatters) {
      query.setParameter("country", id.country());
    }
    List<RecordMatch> matches = new ArrayList<>();
    for (Object[] row : query.getResultList()) {
      matches.add(toMatch((CaseRecord) row[0], (Subject) row[1], "EXACT", Confidence.HIGH));
    }
    matches.sort(BEST_FIRST);
    return matches;
  }

  /**
   * Records about persons matching this name (any script) and date of birth, graded; persons that
   * do not match at least at LOW confidence are left out.
   *
   * @param dob date of birth, or null when not known
   * @throws InvalidIdentifierException when the name has no letters
   */
  @Transactional
  public List<RecordMatch> byPerson(String name, LocalDate dob) {
    List<RecordMatch> matches = new ArrayList<>();
    for (PersonCandidates.Candidate candidate :
        PersonCandidates.find(em, name, dob, Confidence.LOW)) {
      NameMatch match = candidate.match();
      for (CaseRecord record : recordsAbout(candidate.subject())) {
        matches.add(toMatch(record, candidate.subject(), match.rule(), match.confidence()));
      }
    }
    matches.sort(BEST_FIRST);
    return matches;
  }

  /**
   * One record by its id, as a match on its first subject; empty when this node has no such record.
   */
  @Transactional
  public Optional<RecordMatch> byRecordId(String recordId) {
    List<CaseRecord> found =
        em.createQuery("select r from CaseRecord r where r.externalId = :id", CaseRecord.class)
            .setParameter("id", recordId)
            .setHint(HibernateHints.HINT_READ_ONLY, true)
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CaseRecord record = found.get(0);
    Subject subject = record.getSubjects().get(0); // the import requires at least one
    return Optional.of(toMatch(record, subject, "RECORD_ID", Confidence.HIGH));
  }

  /** How many cases, records and identifiers the node holds. */
  @Transactional
  public NodeCounts counts() {
    return new NodeCounts(count("CaseFile"), count("CaseRecord"), count("SubjectIdentifier"));
  }

  private long count(String entity) {
    return em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult();
  }

  private List<CaseRecord> recordsAbout(Subject subject) {
    return em.createQuery(
            "select r from CaseRecord r join r.subjects s where s = :subject", CaseRecord.class)
        .setParameter("subject", subject)
        .setHint(HibernateHints.HINT_READ_ONLY, true)
        .getResultList();
  }

  private RecordMatch toMatch(
      CaseRecord record, Subject subject, String rule, Confidence confidence) {
    CaseFile c = record.getCaseFile();
    return new RecordMatch(
        record.getExternalId(),
        c.getCaseNumber(),
        c.getStatus().name(),
        Contacts.of(c),
        record.getCategory().name(),
        c.getCrimeCategories(),
        record.getOriginatorAgency(),
        subject.getDisplayName(),
        fields(record),
        record.getBody(),
        record.caveats(),
        record.getEvaluation(),
        record.getRetentionDate(),
        rule,
        confidence);
  }

  private Map<String, String> fields(CaseRecord record) {
    try {
      return json.readValue(record.getFieldsJson(), FIELDS);
    } catch (JsonProcessingException e) {
      // Written by the importer from a map, so this is a damaged row.
      throw new UncheckedIOException(
          "fields of record " + record.getExternalId() + " are unreadable", e);
    }
  }
}
