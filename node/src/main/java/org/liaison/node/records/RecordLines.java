package org.liaison.node.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.vocabulary.RecordCategory;

/**
 * "record" lines: a record of a case, its subjects referenced by id or carried inline; stored once
 * per id (records are documents: a re-import never changes one).
 */
final class RecordLines extends CaseItemLines {
  static final Set<String> FIELDS =
      Set.of(
          "kind",
          "id",
          "case",
          "category",
          "originator",
          "receivedFrom",
          "subjects",
          "fields",
          "body",
          "tlp",
          "handling",
          "handlingConditions",
          "evaluation",
          "retainUntil");

  private static final String AGENCY = "[a-z]{2}\\.[a-z0-9-]+";

  private final ObjectMapper json;

  RecordLines(ObjectMapper json) {
    super("record", FIELDS);
    this.json = json;
  }

  /** A record line's own content, validated, without its subjects. */
  record Draft(
      RecordCategory category,
      String originator,
      String fieldsJson,
      String body,
      Tlp tlp,
      HandlingCode handling,
      String handlingConditions,
      char source,
      char information,
      LocalDate retainUntil) {}

  @Override
  Stored importItem(Line line, String id, CaseFile caseFile, EntityManager em) {
    if (LineImporter.byExternalId(em, CaseRecord.class, id) != null) {
      return unchanged(id);
    }
    Draft d = draft(line, caseFile.getAgency());
    CaseRecord record = new CaseRecord(id, caseFile, d.category(), d.originator());
    record.content(d.fieldsJson(), d.body());
    record.caveats(d.tlp(), d.handling(), d.handlingConditions());
    record.evaluation(d.source(), d.information(), d.retainUntil());
    em.persist(record);

    List<JsonNode> subjects = subjects(line);
    int n = 0;
    for (JsonNode subject : subjects) {
      n++;
      record.addSubject(subject(line, subject, id + "/s" + n, caseFile, em));
    }
    return imported(id, subjects.size());
  }

  static Stored unchanged(String id) {
    return new Stored(id, "record " + id + " already imported; unchanged");
  }

  static Stored imported(String id, int subjects) {
    return new Stored(id, "record " + id + " imported with " + subjects + " subject(s)");
  }

  /**
   * Validates a record line's own content (not its subjects), without storing it.
   *
   * @param caseAgency the agency of the record's case: its originator when the line names none
   */
  Draft draft(Line line, String caseAgency) {
    RecordCategory category = line.code("category", RecordCategory.class);
    String originator = line.optionalText("originator");
    String receivedFrom = line.optionalText("receivedFrom");
    if (receivedFrom != null && !receivedFrom.toLowerCase(Locale.ROOT).matches(AGENCY)) {
      throw line.invalid("'receivedFrom' is not an agency id such as us.ice");
    }
    if (originator == null && receivedFrom != null) {
      // a foreign record keeps its originator through every hop; never defaulted to this agency
      throw new ImportRejection(
          Reason.ORIGINATOR_MISSING,
          line.what()
              + ": a record received from another agency ('receivedFrom') needs its 'originator',"
              + " the agency it first came from, as the sender's disclosure named it");
    }
    originator = originator == null ? caseAgency : originator.toLowerCase(Locale.ROOT);
    if (!originator.matches(AGENCY)) {
      throw line.invalid("'originator' is " + originator + ", not an agency id such as us.cbp");
    }
    String fieldsJson = fieldsJson(line);
    String body = line.optionalText("body");
    String tlpText = line.optionalText("tlp");
    // missing caveats default to the cautious TLP:AMBER and H2 (no onward dissemination)
    Tlp tlp = tlpText == null ? Tlp.AMBER : Tlp.parse(tlpText);
    if (tlp == null) {
      throw line.invalid("'tlp' is " + tlpText + "; use CLEAR, GREEN, AMBER, AMBER+STRICT or RED");
    }
    HandlingCode handling = line.enumValue("handling", HandlingCode.class, HandlingCode.H2);
    String conditions = line.optionalText("handlingConditions");
    if (handling == HandlingCode.H3 && conditions == null) {
      throw line.invalid("handling code H3 needs 'handlingConditions' stating the conditions");
    }
    if (handling != HandlingCode.H3 && conditions != null) {
      throw line.invalid("'handlingConditions' is only for handling code H3");
    }
    // the 4x4 code "B2"; "X4" (cannot be judged) when not given
    String code = line.optionalText("evaluation");
    code = code == null ? "X4" : code.toUpperCase(Locale.ROOT);
    if (!code.matches("[ABCX][1-4]")) {
      throw line.invalid(
          "'evaluation' is "
              + code
              + "; use source A, B, C or X followed by information 1-4, e.g. B2");
    }
    return new Draft(
        category,
        originator,
        fieldsJson,
        body,
        tlp,
        handling,
        conditions,
        code.charAt(0),
        code.charAt(1),
        line.date("retainUntil"));
  }

  /** The line's subjects: ids of known subjects or subject objects; at least one. */
  static List<JsonNode> subjects(Line line) {
    List<JsonNode> subjects = line.array("subjects");
    if (subjects.isEmpty()) {
      throw line.invalid("'subjects' is missing; a record is about at least one subject");
    }
    return subjects;
  }

  static ImportRejection unknownSubject(Line record, String subjectId) {
    return new ImportRejection(
        Reason.NOT_FOUND,
        record.what()
            + ": subject "
            + subjectId
            + " is not known; import it first or give it inline");
  }

  /** An inline subject object of a record, its fields checked. */
  static Line inlineSubject(Line record, JsonNode node) {
    if (!node.isObject()) {
      throw record.invalid("each of 'subjects' must be a subject id or a subject object");
    }
    Line inline = new Line(node, record.what() + " subject");
    inline.allowOnly(SubjectFactory.SUBJECT_FIELDS);
    return inline;
  }

  /** A reference ("dea-s-1") to a known subject, or an inline subject object. */
  private static Subject subject(
      Line record, JsonNode node, String generatedId, CaseFile caseFile, EntityManager em) {
    if (node.isTextual()) {
      Subject known = LineImporter.byExternalId(em, Subject.class, node.asText().trim());
      if (known == null) {
        throw unknownSubject(record, node.asText());
      }
      return known;
    }
    String id = inlineSubject(record, node).optionalText("id");
    if (id != null) {
      Subject known = LineImporter.byExternalId(em, Subject.class, id);
      if (known != null) {
        return known;
      }
    }
    String externalId = id != null ? id : generatedId;
    return SubjectFactory.create(
        new Line(node, record.what() + " subject " + externalId), externalId, caseFile, em);
  }

  private String fieldsJson(Line line) {
    JsonNode fields = line.node().get("fields");
    Map<String, String> values = new TreeMap<>();
    if (fields != null && !fields.isNull()) {
      if (!fields.isObject()) {
        throw line.invalid("'fields' must be an object of names and text values");
      }
      Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
          throw line.invalid("field '" + entry.getKey() + "' must be text, a number or a boolean");
        }
        values.put(entry.getKey(), entry.getValue().asText());
      }
    }
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw line.invalid("'fields' cannot be stored: " + e.getOriginalMessage());
    }
  }
}
