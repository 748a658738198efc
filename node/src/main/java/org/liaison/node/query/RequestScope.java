package org.liaison.node.query;

import java.util.Optional;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.Direction;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/**
 * Checks a request against the agreement it names before anything is looked up: a request outside
 * the agreement's purposes or roles is refused whether or not this node holds a match, so a refusal
 * never reveals one.
 */
public final class RequestScope {
  private RequestScope() {}

  /**
   * The refusal of a partner's request in {@code scope} (its partner asks {@code holder}, this
   * agency, for its purpose) by an officer in {@code role}, or empty when the agreement provides
   * for it.
   */
  public static Optional<Refusal> check(
      Agreement agreement, String holder, ExchangeScope scope, String role) {
    String requester = scope.partnerAgency();
    Optional<Direction> direction = agreement.direction(holder, requester);
    if (direction.isEmpty()) {
      return refuse(
          agreement,
          Reason.RECORD_CATEGORY_NOT_SHARED,
          "directions",
          agreement.id() + " shares nothing from " + holder + " to " + requester);
    }
    return direction
        .get()
        .refusal(agreement.id(), scope.purpose(), role)
        .flatMap(r -> refuse(agreement, r.reason(), r.clause(), r.sentence()));
  }

  private static Optional<Refusal> refuse(
      Agreement agreement, Reason reason, String clause, String sentence) {
    return Optional.of(
        Refusal.newBuilder()
            .setReason(reason)
            .setAgreementId(agreement.id())
            .setClause(clause)
            .setMessage(sentence)
            .build());
  }
}
