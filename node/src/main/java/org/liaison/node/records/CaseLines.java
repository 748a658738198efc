package org.liaison.node.records;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.vocabulary.CrimeCategory;
import org.liaison.wire.vocabulary.Vocabulary;

/** "case" lines: created, or updated in place when the case number is known (status, agent...). */
final class CaseLines implements LineImporter {
  private static final Set<String> FIELDS =
      Set.of(
          "kind", "caseNumber", "agency", "agent", "crimeCategories", "status", "opened", "closed");
  private static final Set<String> AGENT_FIELDS = Set.of("name", "phone", "email");

  /** A case line's content, validated: what a case row and its crime categories hold. */
  record Draft(
      String caseNumber,
      String agency,
      String agentName,
      String agentPhone,
      String agentEmail,
      CaseStatus status,
      LocalDate opened,
      LocalDate closed,
      Set<String> crimeCategories) {}

  @Override
  public String kind() {
    return "case";
  }

  @Override
  public String idOf(Line line) {
    return line.optionalText("caseNumber");
  }

  /**
   * Validates a case line whole (the batched and the line-by-line import both use this).
   *
   * @throws ImportRejection when the line is not a valid case
   */
  static Draft draft(Line line) {
    line.allowOnly(FIELDS);
    String caseNumber = line.text("caseNumber");
    String agency = line.text("agency").toLowerCase(Locale.ROOT);
    if (!agency.matches("[a-z]{2}\\.[a-z0-9-]+")) {
      throw line.invalid("'agency' is " + agency + ", not an agency id such as us.dea");
    }
    JsonNode agentNode = line.node().get("agent");
    if (agentNode == null || !agentNode.isObject()) {
      throw line.invalid(
          "'agent' is missing: the case agent's name, phone and email (the point of contact)");
    }
    Line agent = new Line(agentNode, line.what() + " agent");
    agent.allowOnly(AGENT_FIELDS);
    Set<String> categories = new LinkedHashSet<>();
    for (String category : line.texts("crimeCategories")) {
      CrimeCategory c =
          Vocabulary.crimeCategory(category)
              .orElseThrow(
                  () ->
                      line.invalid(
                          "crime category '"
                              + category
                              + "' is not one of "
                              + String.join(", ", Vocabulary.codes(CrimeCategory.class))));
      categories.add(c.name());
    }
    if (categories.isEmpty()) {
      throw line.invalid(
          "'crimeCategories' is missing; name at least one, such as DRUG_TRAFFICKING");
    }
    CaseStatus status = line.enumValue("status", CaseStatus.class, CaseStatus.ACTIVE);
    return new Draft(
        caseNumber,
        agency,
        agent.text("name"),
        agent.optionalText("phone"),
        agent.optionalText("email"),
        status,
        line.date("opened"),
        line.date("closed"),
        Set.copyOf(categories));
  }

  /** The rejection of a case line whose number is stored for another agency. */
  static ImportRejection otherAgency(Line line, String caseNumber, String storedAgency) {
    return new ImportRejection(
        Reason.INVALID_ARGUMENT,
        line.what() + ": case " + caseNumber + " already belongs to " + storedAgency);
  }

  @Override
  public Stored importLine(Line line, EntityManager em) {
    Draft d = draft(line);
    String caseNumber = d.caseNumber();
    CaseFile existing =
        em.createQuery("select c from CaseFile c where c.caseNumber = :n", CaseFile.class)
            .setParameter("n", caseNumber)
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (existing != null && !existing.getAgency().equals(d.agency())) {
      throw otherAgency(line, caseNumber, existing.getAgency());
    }
    CaseFile c = existing != null ? existing : new CaseFile(caseNumber, d.agency());
    c.update(d);
    if (existing == null) {
      em.persist(c);
      return new Stored(caseNumber, "case " + caseNumber + " created");
    }
    return new Stored(caseNumber, "case " + caseNumber + " updated");
  }
}
