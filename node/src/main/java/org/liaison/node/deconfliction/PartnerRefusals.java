package org.liaison.node.deconfliction;

import org.liaison.wire.oprf.OprfException;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/** Refusals the de-confliction responders give partners. */
public final class PartnerRefusals {
  private PartnerRefusals() {}

  public static Refusal invalid(String sentence) {
    return Refusal.newBuilder().setReason(Reason.INVALID_ARGUMENT).setMessage(sentence).build();
  }

  public static Refusal of(OprfException e) {
    return Refusal.newBuilder().setReason(e.reason()).setMessage(e.getMessage()).build();
  }

  public static Refusal quotaExhausted(
      String me, String partner, String agreementId, long used, long limit, int asked) {
    return Refusal.newBuilder()
        .setReason(Reason.QUOTA_EXHAUSTED)
        .setAgreementId(agreementId)
        .setClause("rate_limits.deconfliction_probes_per_day")
        .setMessage(
            partner
                + " has used "
                + used
                + " of the "
                + limit
                + " de-confliction probes per day that "
                + me
                + " allows under "
                + agreementId
                + "; this batch of "
                + asked
                + " would exceed it. The quota resets at 00:00 UTC; check fewer identifiers or ask "
                + me
                + " to raise it.")
        .build();
  }
}
