package org.liaison.policy;

import java.util.List;
import java.util.Optional;
import org.liaison.agreements.AgreementStatus;
import org.liaison.wire.v1.Tier;

/**
 * One question to the policy engine: may {@code record} go to {@code requestingAgency}'s officer,
 * for this purpose and case?
 *
 * @param agreements the evaluated agreements the answering node knows (e.g. {@code store.all()});
 *     only those in force can allow anything, the others explain refusals. Agreements between the
 *     originator and the owner are needed for the third-party rule.
 * @param officerRole the requesting officer's role (need to know), e.g. {@code CASE_AGENT}
 * @param purpose a {@link org.liaison.wire.vocabulary.CrimeCategory} code
 * @param field when present, the question is about this one field only
 * @param requestedTier the highest tier asked for ({@link Tier#FULL} when unbounded)
 */
public record PolicyRequest(
    List<AgreementStatus> agreements,
    String requestingAgency,
    String officerRole,
    String purpose,
    String caseReference,
    RecordFacts record,
    Optional<String> field,
    Tier requestedTier) {

  public PolicyRequest {
    agreements = List.copyOf(agreements);
    officerRole = officerRole == null ? "" : officerRole;
    purpose = purpose == null ? "" : purpose;
    caseReference = caseReference == null ? "" : caseReference;
    field = field == null ? Optional.empty() : field;
    requestedTier =
        requestedTier == null
                || requestedTier == Tier.TIER_UNSPECIFIED
                || requestedTier == Tier.UNRECOGNIZED
            ? Tier.FULL
            : requestedTier;
  }

  /** A request for the whole record at the highest tier the agreements allow. */
  public static PolicyRequest of(
      List<AgreementStatus> agreements,
      String requestingAgency,
      String officerRole,
      String purpose,
      String caseReference,
      RecordFacts record) {
    return new PolicyRequest(
        agreements,
        requestingAgency,
        officerRole,
        purpose,
        caseReference,
        record,
        Optional.empty(),
        Tier.FULL);
  }

  public PolicyRequest withField(String name) {
    return about(agreements, record, Optional.ofNullable(name), requestedTier);
  }

  public PolicyRequest withRequestedTier(Tier tier) {
    return about(agreements, record, field, tier);
  }

  public PolicyRequest withAgreements(List<AgreementStatus> statuses) {
    return about(statuses, record, field, requestedTier);
  }

  public PolicyRequest withRecord(RecordFacts facts) {
    return about(agreements, facts, field, requestedTier);
  }

  /** The same asker (agency, role, purpose, case) asking about something else. */
  private PolicyRequest about(
      List<AgreementStatus> agreements, RecordFacts record, Optional<String> field, Tier tier) {
    return new PolicyRequest(
        agreements, requestingAgency, officerRole, purpose, caseReference, record, field, tier);
  }
}
