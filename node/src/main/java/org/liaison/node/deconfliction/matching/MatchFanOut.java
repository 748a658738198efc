package org.liaison.node.deconfliction.matching;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.liaison.node.federation.ExchangeFailure;
import org.liaison.node.federation.FanOut;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * Runs one private match per partner in parallel; every partner yields exactly one outcome by the
 * deadline (the match has three round trips, each bounded), so a dead partner holds nobody up.
 */
public final class MatchFanOut {
  private static final long GRACE_MS = 1000;

  private MatchFanOut() {}

  /**
   * One partner's outcome: confirmed conflicts, or why there are none. It states its own status,
   * reason and message, so every answer built from it reads them the same way.
   */
  public record Outcome(
      PartnerAgreement partner,
      List<ConfirmedConflict> conflicts,
      ExchangeFailure failure,
      long latencyMs) {

    /** MATCH when the partner confirmed a conflict, NO_MATCH when none, else the failure's. */
    public PartnerAnswer.Status status() {
      if (failure != null) {
        return failure.status();
      }
      return conflicts.isEmpty() ? PartnerAnswer.Status.NO_MATCH : PartnerAnswer.Status.MATCH;
    }

    public Reason reason() {
      return failure == null ? Reason.REASON_UNSPECIFIED : failure.reason();
    }

    /** The failure's sentence; empty when the partner answered. */
    public String message() {
      return failure == null ? "" : failure.getMessage();
    }

    /**
     * The conflicts the partner confirmed, each with its point of contact at the partner's agency
     * (the partner names only its officer).
     */
    public List<ConfirmedConflict> conflictsAtPartner() {
      return conflicts.stream()
          .map(
              c ->
                  c.toBuilder()
                      .setPointOfContact(
                          c.getPointOfContact().toBuilder().setAgency(partner.agency()))
                      .build())
          .toList();
    }
  }

  public static CompletableFuture<Void> run(
      List<PartnerAgreement> partners,
      Function<PartnerAgreement, CompletableFuture<List<ConfirmedConflict>>> match,
      long deadlineMs,
      Consumer<Outcome> sink) {
    return FanOut.each(
        partners,
        match,
        3 * deadlineMs + GRACE_MS,
        (p, conflicts, failure, latencyMs) ->
            sink.accept(
                new Outcome(p, failure == null ? conflicts : List.of(), failure, latencyMs)));
  }
}
