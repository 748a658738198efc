package org.liaison.node.query;

import java.util.List;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.OfficerQueryRequest;

/** Checks on what an officer asks, before anything is sent. */
public final class OfficerRequests {
  private OfficerRequests() {}

  public static void requireQuery(OfficerQueryRequest r) {
    if (r.getPurpose().isBlank()) {
      throw new InvalidOfficerRequest("a purpose is required (e.g. DRUG_TRAFFICKING)");
    }
    if (r.getCaseReference().isBlank()) {
      throw new InvalidOfficerRequest("a case reference is required: say which case this is for");
    }
    switch (r.getQuery().getSubjectCase()) {
      case IDENTIFIER -> {
        if (r.getQuery().getIdentifier().getValue().isBlank()) {
          throw new InvalidOfficerRequest("the identifier has no value");
        }
      }
      case PERSON -> {
        if (r.getQuery().getPerson().getName().isBlank()) {
          throw new InvalidOfficerRequest("a person query needs a name");
        }
      }
      default -> throw new InvalidOfficerRequest("ask about an identifier or a person");
    }
  }

  /** The partners to ask: all with an agreement in force, or those the officer named. */
  public static List<PartnerAgreement> select(List<PartnerAgreement> inForce, List<String> named) {
    if (named.isEmpty()) {
      return inForce;
    }
    for (String n : named) {
      if (inForce.stream().noneMatch(p -> p.agency().equals(n))) {
        throw new InvalidOfficerRequest(
            "no agreement with " + n + " is in force; partners available: "
                + inForce.stream().map(PartnerAgreement::agency).toList());
      }
    }
    return inForce.stream().filter(p -> named.contains(p.agency())).toList();
  }
}
