package org.liaison.node.deconfliction.matching;

import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.MatchKind;

/** Envelope headers of de-confliction requests. */
public final class Probes {
  static final String TARGET_PURPOSE = "TARGET_DECONFLICTION";
  static final String EVENT_PURPOSE = "EVENT_DECONFLICTION";

  private Probes() {}

  /**
   * Filter and probe requests carry no case reference (a partner must not learn which case is
   * checking unless there is a conflict); only a claim names it.
   */
  public static OutboundRequest header(
      PartnerAgreement p,
      MatchKind kind,
      String contentType,
      String caseReference,
      String officerId) {
    return new OutboundRequest(
        new ExchangeScope(
            p.agency(),
            p.agreementId(),
            kind == MatchKind.EVENT ? EVENT_PURPOSE : TARGET_PURPOSE,
            caseReference),
        officerId == null ? "" : officerId,
        contentType);
  }
}
