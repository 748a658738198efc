package org.liaison.agreements;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.liaison.wire.v1.Reason;

/**
 * An agreement as evaluated at one instant: in force or not, and if not the reason code and a
 * sentence a person can act on. {@code agreement} is empty only when the document is invalid.
 */
public record AgreementStatus(
    String id,
    Optional<Agreement> agreement,
    State state,
    Reason reason,
    String sentence,
    Instant evaluatedAt,
    List<SignatureCheck> signatures,
    List<LifecycleEvent> history,
    List<ValidationError> errors) {

  public enum State {
    IN_FORCE,
    INVALID,
    UNSIGNED,
    TERMINATED,
    SUSPENDED,
    NOT_YET_IN_FORCE,
    EXPIRED
  }

  public AgreementStatus {
    signatures = List.copyOf(signatures);
    history = List.copyOf(history);
    errors = List.copyOf(errors);
  }

  public boolean inForce() {
    return state == State.IN_FORCE;
  }

  /** True when the agreement is valid and names both agencies as parties (in force or not). */
  public boolean between(String a, String b) {
    return agreement.map(x -> x.hasParty(a) && x.hasParty(b) && !a.equals(b)).orElse(false);
  }
}
