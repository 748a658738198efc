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
}
