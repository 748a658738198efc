package org.liaison.agreements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    for (Party p : a.parties()) {
      SignatureCheck s = signatures.get(p.agency());
      if (s == null || !s.valid()) {
        String why = s == null ? "there is no signature by " + p.agency() : s.detail();
        return status(
            id,
            a,
            State.UNSIGNED,
            s == null ? Reason.AGREEMENT_UNSIGNED : s.reason(),
            "Agreement "
                + id
                + " is not in force: "
                + why
                + ". Every party must sign the exact document.",
            at,
            sigs,
            history);
      }
    }
    if (lifecycle.error() != null) {
      return status(
          id,
          a,
          State.SUSPENDED,
          Reason.AGREEMENT_SUSPENDED,
          "Agreement " + id + " is treated as suspended: " + lifecycle.error() + ".",
          at,
          sigs,
          history);
    }
    LifecycleEvent last = null;
    for (LifecycleEvent e : history) {
      if (e.action() == LifecycleEvent.Action.TERMINATE) {
        return status(
            id,
            a,
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
                + ".",
            at,
            sigs,
            history);
      }
      last = e;
    }
    if (last != null && last.action() == LifecycleEvent.Action.SUSPEND) {
      return status(
          id,
          a,
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
              + ". It applies again once a party resumes it.",
          at,
          sigs,
          history);
    }
    if (!a.started(at)) {
      return status(
          id,
          a,
          State.NOT_YET_IN_FORCE,
          Reason.AGREEMENT_NOT_IN_FORCE,
          "Agreement " + id + " is not in force yet: it starts on " + a.start() + ".",
          at,
          sigs,
          history);
    }
    if (a.ended(at)) {
      return status(
          id,
          a,
          State.EXPIRED,
          Reason.AGREEMENT_EXPIRED,
          "Agreement "
              + id
              + " expired on "
              + a.end()
              + "; the parties must sign a renewed agreement.",
          at,
          sigs,
          history);
    }
    return status(
        id,
        a,
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
            + ").",
        at,
        sigs,
        history);
  }

  private static AgreementStatus status(
      String id,
      Agreement a,
      State s,
      Reason r,
      String sentence,
      Instant at,
      List<SignatureCheck> sigs,
      List<LifecycleEvent> h) {
    return new AgreementStatus(
        id, java.util.Optional.of(a), s, r, sentence, at, sigs, h, List.of());
  }
}
