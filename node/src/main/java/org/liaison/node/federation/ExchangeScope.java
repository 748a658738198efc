package org.liaison.node.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.liaison.wire.v1.Header;

/**
 * What an exchange with a partner is about, as its envelope's header states it: the partner agency
 * (the other side, whichever side this node is on), the agreement it is made under, its purpose and
 * the case it serves. A workflow keeps it for its whole life, and each of its messages to the
 * partner (outbox) carries it again; the columns are the same in both tables (V40).
 */
@Embeddable
public record ExchangeScope(
    @Column(name = "partner_agency", nullable = false) String partnerAgency,
    @Column(name = "agreement_id", nullable = false) String agreementId,
    @Column(name = "purpose", nullable = false) String purpose,
    @Column(name = "case_reference") String caseReference) {

  /**
   * The scope of a partner's request, as its (verified) header states it: the sender is the
   * partner.
   */
  public static ExchangeScope sentBy(Header h) {
    return new ExchangeScope(
        h.getSenderAgency(), h.getAgreementId(), h.getPurpose(), h.getCaseReference());
  }

  /** The scope as a header carries it: a header field is never null, so no case is "". */
  public ExchangeScope asHeader() {
    return caseReference != null
        ? this
        : new ExchangeScope(partnerAgency, agreementId, purpose, "");
  }
}
