package org.liaison.agreements;

import java.time.Instant;
import java.util.Map;

/** One agreement document as the folder holds it: parsed, its signatures checked, its lifecycle. */
record LoadedAgreement(
    String id,
    ParseResult parsed,
    Map<String, SignatureCheck> signatures,
    LifecycleFile.Read lifecycle) {
  boolean fullySigned() {
    return parsed.valid()
        && parsed.agreement().get().parties().stream()
            .allMatch(
                p -> signatures.containsKey(p.agency()) && signatures.get(p.agency()).valid());
  }

  AgreementStatus status(Instant at) {
    return AgreementEvaluator.evaluate(id, parsed, signatures, lifecycle, at);
  }

  /**
   * The first instant after {@code at} at which {@link #status} could differ from its value at
   * {@code at}: the start, the end or a lifecycle step's instant, whichever comes first ({@link
   * Instant#MAX} when none is later). Signatures are checked when the folder is read, not here.
   */
  Instant nextChangeAfter(Instant at) {
    Instant next = Instant.MAX;
    if (parsed.agreement().isPresent()) {
      Agreement a = parsed.agreement().get();
      next = earliestAfter(at, next, a.startsAt());
      next = earliestAfter(at, next, a.endsAt());
    }
    for (LifecycleEvent e : lifecycle.events()) {
      next = earliestAfter(at, next, e.at());
    }
    return next;
  }

  private static Instant earliestAfter(Instant at, Instant next, Instant candidate) {
    return candidate.isAfter(at) && candidate.isBefore(next) ? candidate : next;
  }
}
