package org.liaison.node.records;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
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

  @Override
  public String kind() {
    return "case";
  }

  @Override
  public String idOf(Line line) {
    return line.optionalText("caseNumber");
  }

  @Override
  public Stored importLine(Line line, EntityManager em) {
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

    CaseFile existing =
        em.createQuery("select c from CaseFile c where c.caseNumber = :n", CaseFile.class)
            .setParameter("n", caseNumber)
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (existing != null && !existing.getAgency().equals(agency)) {
      throw new ImportRejection(
          Reason.INVALID_ARGUMENT,
          line.what() + ": case " + caseNumber + " already belongs to " + existing.getAgency());
    }
    CaseFile c = existing != null ? existing : new CaseFile(caseNumber, agency);
    c.update(
        agent.text("name"),
        agent.optionalText("phone"),
        agent.optionalText("email"),
        status,
        line.date("opened"),
        line.date("closed"),
        categories);
    if (existing == null) {
      em.persist(c);
      return new Stored(caseNumber, "case " + caseNumber + " created");
    }
    return new Stored(caseNumber, "case " + caseNumber + " updated");
  }
}
