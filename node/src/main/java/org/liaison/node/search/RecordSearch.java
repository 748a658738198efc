package org.liaison.node.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.liaison.node.identifiers.IdentifierNormalizer;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.identifiers.NameMatch;
import org.liaison.node.identifiers.NameMatch.Confidence;
import org.liaison.node.identifiers.NormalizedIdentifier;
import org.liaison.node.records.CaseRecord;
import org.liaison.node.records.HandlingCode;
import org.liaison.node.records.Tlp;
import org.liaison.wire.v1.IdentifierType;

/**
 * Finds the records a federated query is about: by identifier (exact, after normalisation) or by
 * person (name index, then the name matcher grades each candidate). Read-only.
 *
 * <p>The records are read by plain JDBC with one statement (and one for the cases' crime
 * categories), not as entities: a partner's query reads them once and never changes them, and the
 * entity loads (record, subjects, case, lazy collections) were a sixth of the answering node's CPU
 * per query (decision 0040).
 */
@ApplicationScoped
public class RecordSearch {
  private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};
  private static final Comparator<RecordMatch> BEST_FIRST =
      Comparator.comparing(RecordMatch::confidence).reversed().thenComparing(RecordMatch::recordId);

  /** Each record with the subject it matched through and its case; the caller adds the where. */
  private static final String RECORDS =
      "select r.id, s.id, r.external_id, c.id, c.case_number, c.status, c.agency, c.agent_name,"
          + " c.agent_phone, c.agent_email, r.category, r.originator_agency, s.display_name,"
          + " r.fields_json, r.body, r.tlp, r.handling_code, r.handling_conditions,"
          + " r.source_evaluation, r.information_evaluation, r.retention_date"
          + " from records r join record_subjects rs on rs.record_id = r.id"
          + " join subjects s on s.id = rs.subject_id join cases c on c.id = r.case_id";

  private final EntityManager em;
  private final ObjectMapper json;
  private final AgroalDataSource db;

  @Inject
  public RecordSearch(EntityManager em, ObjectMapper json, AgroalDataSource db) {
    this.em = em;
    this.json = json;
    this.db = db;
  }

  /**
   * Records about a subject carrying this identifier, written in any format.
   *
   * @param country region to read a national phone number in, plate or document country (for plates
   *     and documents it must then agree with the stored country, when one is stored)
   * @throws InvalidIdentifierException when the identifier is not valid for its type
   */
  public List<RecordMatch> byIdentifier(IdentifierType type, String raw, String country) {
    NormalizedIdentifier id = IdentifierNormalizer.normalize(type, raw, country);
    boolean countryMatters = id.countryMustAgree();
    List<Object> params = new ArrayList<>(List.of(type.name(), id.value()));
    if (countryMatters) {
      params.add(id.country());
    }
    List<RecordMatch> matches =
        read(
            " where s.id in (select i.subject_id from identifiers i"
                + " where i.type = ? and i.normalised_value = ?"
                + (countryMatters ? " and (i.country is null or i.country = ?)" : "")
                + ")",
            params,
            (row, subject) -> match(row, "EXACT", Confidence.HIGH));
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
  public List<RecordMatch> byPerson(String name, LocalDate dob) {
    try (Connection c = db.getConnection()) {
      Map<Long, NameMatch> graded = new LinkedHashMap<>();
      for (PersonCandidates.Candidate candidate :
          PersonCandidates.find(c, name, dob, Confidence.LOW)) {
        graded.put(candidate.subjectId(), candidate.match());
      }
      if (graded.isEmpty()) {
        return List.of();
      }
      List<RecordMatch> matches =
          read(
              c,
              " where s.id in (" + String.join(",", Collections.nCopies(graded.size(), "?")) + ")",
              new ArrayList<>(graded.keySet()),
              (row, subject) -> {
                NameMatch m = graded.get(subject);
                return match(row, m.rule(), m.confidence());
              });
      matches.sort(BEST_FIRST);
      return matches;
    } catch (SQLException e) {
      throw new IllegalStateException("the persons could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * One record by its id, as a match on its first subject; empty when this node has no such record.
   */
  public Optional<RecordMatch> byRecordId(String recordId) {
    return read(
            " where r.external_id = ? order by s.id",
            List.of(recordId),
            (row, subject) -> match(row, "RECORD_ID", Confidence.HIGH))
        .stream()
        .findFirst();
  }

  /** How many cases, records and identifiers the node holds. */
  @Transactional
  public NodeCounts counts() {
    return new NodeCounts(count("CaseFile"), count("CaseRecord"), count("SubjectIdentifier"));
  }

  private long count(String entity) {
    return em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult();
  }

  /** A row of {@link #RECORDS}, short of how it matched. */
  private interface Grading {
    RecordMatch of(Row row, long subjectId);
  }

  /** The records of {@link #RECORDS} with {@code where}, once per record and subject. */
  private List<RecordMatch> read(String where, List<?> params, Grading grading) {
    try (Connection c = db.getConnection()) {
      return read(c, where, params, grading);
    } catch (SQLException e) {
      throw new IllegalStateException("the records could not be read: " + e.getMessage(), e);
    }
  }

  private List<RecordMatch> read(Connection c, String where, List<?> params, Grading grading)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RECORDS + where)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs));
        }
      }
      Map<Long, Set<String>> categories = crimeCategories(c, rows);
      List<RecordMatch> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(grading.of(row.withCategories(categories.get(row.caseId)), row.subjectId));
      }
      return out;
    }
  }

  private static Map<Long, Set<String>> crimeCategories(Connection c, List<Row> rows)
      throws SQLException {
    Set<Long> cases = new TreeSet<>();
    rows.forEach(r -> cases.add(r.caseId));
    Map<Long, Set<String>> out = new HashMap<>();
    cases.forEach(id -> out.put(id, new TreeSet<>()));
    if (cases.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select case_id, category from case_crime_categories where case_id in ("
                + String.join(",", Collections.nCopies(cases.size(), "?"))
                + ")")) {
      int i = 1;
      for (long id : cases) {
        ps.setLong(i++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.get(rs.getLong(1)).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  /** One record with the subject it matched through, as read. */
  private static final class Row {
    final long subjectId;
    final long caseId;
    final String recordId;
    final String caseNumber;
    final String caseStatus;
    final Contact contact;
    final String category;
    final String originator;
    final String subject;
    final String fieldsJson;
    final String body;
    final List<String> caveats;
    final String evaluation;
    final LocalDate retention;
    Set<String> crimeCategories = Set.of();

    Row(ResultSet rs) throws SQLException {
      subjectId = rs.getLong(2);
      recordId = rs.getString(3);
      caseId = rs.getLong(4);
      caseNumber = rs.getString(5);
      caseStatus = rs.getString(6);
      contact = new Contact(rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
      category = rs.getString(11);
      originator = rs.getString(12);
      subject = rs.getString(13);
      fieldsJson = rs.getString(14);
      body = rs.getString(15);
      caveats =
          CaseRecord.caveatsOf(
              Tlp.valueOf(rs.getString(16)),
              HandlingCode.valueOf(rs.getString(17)),
              rs.getString(18));
      evaluation = rs.getString(19) + rs.getString(20);
      retention = rs.getObject(21, LocalDate.class);
    }

    Row withCategories(Set<String> categories) {
      crimeCategories = categories == null ? Set.of() : categories;
      return this;
    }
  }

  private RecordMatch match(Row row, String rule, Confidence confidence) {
    return new RecordMatch(
        row.recordId,
        row.caseNumber,
        row.caseStatus,
        row.contact,
        row.category,
        row.crimeCategories,
        row.originator,
        row.subject,
        fields(row.recordId, row.fieldsJson),
        row.body,
        row.caveats,
        row.evaluation,
        row.retention,
        rule,
        confidence);
  }

  private Map<String, String> fields(String recordId, String fieldsJson) {
    try {
      return json.readValue(fieldsJson, FIELDS);
    } catch (JsonProcessingException e) {
      // Written by the importer from a map, so this is a damaged row.
      throw new UncheckedIOException("fields of record " + recordId + " are unreadable", e);
    }
  }
}
