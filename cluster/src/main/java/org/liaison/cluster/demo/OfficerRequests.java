package org.liaison.cluster.demo;

import java.util.List;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PersonQuery;
import org.liaison.wire.v1.QueryRequest;

/**
 * The officers' queries of the demo's cases, how an officer sends one, and the answer of one
 * partner among the answers.
 */
final class OfficerRequests {
  /** How long the demo's officers wait for their partners' answers. */
  static final int DEADLINE_MS = 10_000;

  private OfficerRequests() {}

  /** officer-1's query of a US phone number under {@code purpose}, to {@code partners}. */
  static OfficerQueryRequest phoneQuery(
      String phone, String purpose, String caseReference, String... partners) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(
            QueryRequest.newBuilder()
                .setIdentifier(
                    Identifier.newBuilder()
                        .setType(IdentifierType.PHONE)
                        .setValue(phone)
                        .setCountry("US")))
        .setPurpose(purpose)
        .setCaseReference(caseReference)
        .setOfficerId("officer-1")
        .addAllPartners(List.of(partners))
        .setDeadlineMs(DEADLINE_MS)
        .build();
  }

  /** officer-1's query, in {@code role}, of a person by name and date of birth. */
  static OfficerQueryRequest personQuery(
      String name,
      String dateOfBirth,
      String role,
      String purpose,
      String caseReference,
      int deadlineMs,
      List<String> partners) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(
            QueryRequest.newBuilder()
                .setPerson(PersonQuery.newBuilder().setName(name).setDateOfBirth(dateOfBirth))
                .setOfficerRole(role))
        .setPurpose(purpose)
        .setCaseReference(caseReference)
        .setOfficerId("officer-1")
        .addAllPartners(partners)
        .setDeadlineMs(deadlineMs)
        .build();
  }

  /** An officer of {@code agency} sends {@code query} through its node; every partner's answer. */
  static List<PartnerAnswer> send(Federation federation, String agency, OfficerQueryRequest query) {
    try (NodeClient node = federation.node(agency).client()) {
      return node.queryAll(query);
    }
  }

  /** {@code agency}'s answer among {@code answers}, or null if it gave none. */
  static PartnerAnswer answerOf(List<PartnerAnswer> answers, String agency) {
    return answers.stream()
        .filter(a -> a.getPartnerAgency().equals(agency))
        .findFirst()
        .orElse(null);
  }
}
