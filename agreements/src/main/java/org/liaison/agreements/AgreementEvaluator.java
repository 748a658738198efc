package org.liaison.agreements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liaison.agreements.AgreementStatus.State;
import org.liaison.wire.v1.Reason;

/**
 * Decides whether an agreement is in force at an instant, in this order: valid document, every
 * party's signature valid, not terminated, not suspended, started, not ended.
 */
final class AgreementEvaluator {
  private AgreementEvaluator() {}

  static AgreementStatus evaluate(
      String id,
      ParseResult parsed,
      Map<String, SignatureCheck> signatures,
      LifecycleFile.Read lifecycle,
      Instant at) {
    List<SignatureCheck> sigs = new ArrayList<>(signatures.values());
    List<LifecycleEvent> history =
        lifecycle.events().stream().filter(e -> !e.at().isAfter(at)).toList();
    if (!parsed.valid()) {
      return new AgreementStatus(
          id,
          parsed.agreement(),
          State.INVALID,
          Reason.AGREEMENT_NOT_IN_FORCE,
          "Agreement "
              + id
              + " is not in force: its document is invalid ("
              + parsed.errors().size()
              + " error(s), first: "
              + (parsed.errors().isEmpty() ? "?" : parsed.errors().get(0))
              + ").",
          at,
          sigs,
          history,
          parsed.errors());
    }
    Agreement a = parsed.agreement().get();
    Verdict verdict = new Verdict(id, a, at, sigs, history);
    for (Party p : a.parties()) {
      SignatureCheck s = signatures.get(p.agency());
      if (s == null || !s.valid()) {
        String why = s == null ? "there is no signature by " + p.agency() : s.detail();
        return verdict.of(
            State.UNSIGNED,
            s == null ? Reason.AGREEMENT_UNSIGNED : s.reason(),
            "Agreement "
                + id
                + " is not in force: "
                + why
                + ". Every party must sign the exact document.");
      }
    }
    if (lifecycle.error() != null) {
      return verdict.of(
          State.SUSPENDED,
          Reason.AGREEMENT_SUSPENDED,
          "Agreement " + id + " is treated as suspended: " + lifecycle.error() + ".");
    }
    LifecycleEvent last = null;
    for (LifecycleEvent e : history) {
      if (e.action() == LifecycleEvent.Action.TERMINATE) {
        return verdict.of(
            State.TERMINATED,
            Reason.AGREEMENT_TERMINATED,
            "Agreement "
                + id
                + " was terminated by "
                + e.by()
                + " at "
                + e.at()
                + ": "
                + e.why()
                + ".");
      }
      last = e;
    }
    if (last != null && last.action() == LifecycleEvent.Action.SUSPEND) {
      return verdict.of(
          State.SUSPENDED,
          Reason.AGREEMENT_SUSPENDED,
          "Agreement "
              + id
              + " is suspended since "
              + last.at()
              + " by "
              + last.by()
              + ": "
              + last.why()
              + ". It applies again once a party resumes it.");
    }
    if (!a.started(at)) {
      return verdict.of(
          State.NOT_YET_IN_FORCE,
          Reason.AGREEMENT_NOT_IN_FORCE,
          "Agreement " + id + " is not in force yet: it starts on " + a.start() + ".");
    }
    if (a.ended(at)) {
      return verdict.of(
          State.EXPIRED,
          Reason.AGREEMENT_EXPIRED,
          "Agreement "
              + id
              + " expired on "
              + a.end()
              + "; the parties must sign a renewed agreement.");
    }
    return verdict.of(
        State.IN_FORCE,
        Reason.REASON_UNSPECIFIED,
        "Agreement "
            + id
            + " is in force (signed by "
            + String.join(", ", signatures.keySet())
            + "; "
            + a.start()
            + " to "
            + a.end()
            + ").");
  }

  /** The status of one valid agreement at the instant, with its signatures and history. */
  private record Verdict(
      String id,
      Agreement agreement,
      Instant at,
      List<SignatureCheck> signatures,
      List<LifecycleEvent> history) {

    AgreementStatus of(State state, Reason reason, String sentence) {
      return new AgreementStatus(
          id, Optional.of(agreement), state, reason, sentence, at, signatures, history, List.of());
    }
  }
}
