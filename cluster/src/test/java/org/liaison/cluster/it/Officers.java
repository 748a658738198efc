package org.liaison.cluster.it;

import java.util.List;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PersonQuery;
import org.liaison.wire.v1.QueryRequest;

/** Requests as officers write them in the acceptance cases. */
final class Officers {
  /**
   * Generous, because the first exchange between cold processes on a loaded 2-core CI machine pays
   * class loading and TLS set-up; the partner-down case sets its own, tight deadline.
   */
  static final int DEADLINE_MS = 15_000;

  private Officers() {}

  static OfficerQueryRequest phoneQuery(
      String phone, String purpose, String caseRef, String... partners) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(
            QueryRequest.newBuilder()
                .setIdentifier(
                    Identifier.newBuilder().setType(IdentifierType.PHONE).setValue(phone)))
        .setPurpose(purpose)
        .setCaseReference(caseRef)
        .addAllPartners(List.of(partners))
        .setDeadlineMs(DEADLINE_MS)
        .build();
  }

  static OfficerQueryRequest personQuery(
      String name, String dob, String purpose, String caseRef, String role, String... partners) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(
            QueryRequest.newBuilder()
                .setPerson(PersonQuery.newBuilder().setName(name).setDateOfBirth(dob))
                .setOfficerRole(role))
        .setPurpose(purpose)
        .setCaseReference(caseRef)
        .addAllPartners(List.of(partners))
        .setDeadlineMs(DEADLINE_MS)
        .build();
  }

  static OfficerCheckRequest phoneCheck(String phone, String caseRef) {
    return OfficerCheckRequest.newBuilder()
        .setIdentifier(
            Identifier.newBuilder().setType(IdentifierType.PHONE).setValue(phone).setCountry("US"))
        .setCaseReference(caseRef)
        .setDeadlineMs(DEADLINE_MS)
        .build();
  }

  static PartnerAnswer from(List<PartnerAnswer> answers, String agency) {
    return answers.stream()
        .filter(a -> a.getPartnerAgency().equals(agency))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer from " + agency + " in " + answers));
  }

  static PartnerCheckAnswer checkFrom(List<PartnerCheckAnswer> answers, String agency) {
    return answers.stream()
        .filter(a -> a.getPartnerAgency().equals(agency))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer from " + agency + " in " + answers));
  }
}
