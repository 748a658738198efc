package org.liaison.node.query;

import java.util.List;
import org.liaison.node.identifiers.IdentifierNormalizer;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.identifiers.NormalizedIdentifier;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.QueryRequest;

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

  /**
   * The identifier as partners should read it: normalised here, in this agency's region, so a
   * national phone number ("(305) 555-0142") means the same at every partner and a malformed one is
   * refused before anything is sent.
   */
  public static Identifier normalised(Identifier id, String homeAgency) {
    String country = id.getCountry().isBlank() ? homeAgency : id.getCountry();
    try {
      NormalizedIdentifier n = IdentifierNormalizer.normalize(id.getType(), id.getValue(), country);
      Identifier.Builder b = id.toBuilder().setValue(n.value());
      if (n.country() != null) {
        b.setCountry(n.country());
      }
      return b.build();
    } catch (InvalidIdentifierException e) {
      throw new InvalidOfficerRequest(e.getMessage());
    }
  }

  /** The query with its identifier normalised in this agency's region (see {@link #normalised}). */
  public static QueryRequest normalised(QueryRequest q, String homeAgency) {
    if (q.getSubjectCase() != QueryRequest.SubjectCase.IDENTIFIER) {
      return q;
    }
    return q.toBuilder().setIdentifier(normalised(q.getIdentifier(), homeAgency)).build();
  }

  /** The partners to ask: all with an agreement in force, or those the officer named. */
  public static List<PartnerAgreement> select(List<PartnerAgreement> inForce, List<String> named) {
    if (named.isEmpty()) {
      return inForce;
    }
    for (String n : named) {
      if (inForce.stream().noneMatch(p -> p.agency().equals(n))) {
        throw new InvalidOfficerRequest(
            "no agreement with "
                + n
                + " is in force; partners available: "
                + inForce.stream().map(PartnerAgreement::agency).toList());
      }
    }
    return inForce.stream().filter(p -> named.contains(p.agency())).toList();
  }
}
