package org.liaison.node.partners;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.Party;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.vocabulary.CrimeCategory;
import org.liaison.wire.vocabulary.Vocabulary;

/** Partners derived from the signed agreements in force, re-evaluated on every call. */
@ApplicationScoped
public class AgreementPartners implements Partners {
  @Inject AgreementStore store;
  @Inject NodeConfig config;

  @Override
  public List<PartnerAgreement> forPurpose(String purpose) {
    Optional<CrimeCategory> wanted = Vocabulary.crimeCategory(purpose);
    return choose(a -> wanted.isPresent() && a.purposes().contains(wanted.get()));
  }

  @Override
  public List<PartnerAgreement> forTargetDeconfliction() {
    return choose(a -> a.deconfliction() != null && a.deconfliction().target()).stream()
        .filter(p -> agreementTakesPart(p.agreementId()))
        .toList();
  }

  private boolean agreementTakesPart(String id) {
    return store
        .statusOf(id)
        .flatMap(AgreementStatus::agreement)
        .map(a -> a.deconfliction() != null && a.deconfliction().target())
        .orElse(false);
  }

  /**
   * One agreement per partner: one that satisfies {@code preferred} if any, otherwise the first in
   * force (so that the partner can refuse and say which clause is missing).
   */
  private List<PartnerAgreement> choose(Predicate<Agreement> preferred) {
    String me = config.agency();
    Instant now = Instant.now();
    Map<String, Agreement> best = new LinkedHashMap<>();
    List<Agreement> inForce =
        store.all(now).stream()
            .filter(AgreementStatus::inForce)
            .map(s -> s.agreement().orElseThrow())
            .filter(a -> a.hasParty(me))
            .sorted(Comparator.comparing(Agreement::id))
            .toList();
    for (Agreement a : inForce) {
      for (Party p : a.parties()) {
        if (p.agency().equals(me)) {
          continue;
        }
        Agreement current = best.get(p.agency());
        if (current == null || (!preferred.test(current) && preferred.test(a))) {
          best.put(p.agency(), a);
        }
      }
    }
    List<PartnerAgreement> out = new ArrayList<>();
    best.forEach((agency, a) -> out.add(new PartnerAgreement(agency, a.id())));
    return out;
  }
}
