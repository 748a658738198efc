package org.liaison.bench.federation;

import java.util.List;
import java.util.function.Function;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.QueryRequest;

/**
 * The lookup the federation load tools make: us.ice's officer-1, on ICE's reference case, asks
 * about the phone number of DEA's reference records, so every partner that holds them (us.dea and
 * its clones) answers MATCH.
 */
final class ReferenceLookup {
  static final Identifier PHONE =
      Identifier.newBuilder().setType(IdentifierType.PHONE).setValue("+1 305 555 0142").build();
  static final String CASE_REFERENCE = "ICE-MIA-2026-0311";
  static final String OFFICER = "officer-1";

  private ReferenceLookup() {}

  static OfficerQueryRequest query(List<String> partners, int deadlineMs) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(QueryRequest.newBuilder().setIdentifier(PHONE))
        .setPurpose("DRUG_TRAFFICKING")
        .setCaseReference(CASE_REFERENCE)
        .setOfficerId(OFFICER)
        .addAllPartners(partners)
        .setDeadlineMs(deadlineMs)
        .build();
  }

  static OfficerCheckRequest check(List<String> partners, int deadlineMs) {
    return OfficerCheckRequest.newBuilder()
        .setIdentifier(PHONE)
        .setCaseReference(CASE_REFERENCE)
        .setOfficerId(OFFICER)
        .addAllPartners(partners)
        .setDeadlineMs(deadlineMs)
        .build();
  }

  /** Fails the call unless each of the {@code partners} answered MATCH. */
  static <A> void expectMatches(
      List<A> answers, int partners, Function<A, PartnerAnswer.Status> status) {
    if (answers.size() != partners
        || answers.stream().anyMatch(a -> status.apply(a) != PartnerAnswer.Status.MATCH)) {
      throw new IllegalStateException("unexpected answers: " + answers);
    }
  }
}
