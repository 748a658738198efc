package org.liaison.gateway.relay;

/** Whether an agreement in force lets this agency exchange envelopes with a partner. */
public interface PartnerAdmission {
  /** Throws when no agreement between the two agencies is in force now. */
  void requireAgreementInForce(String partnerAgency) throws RelayRefusal;
}
