package org.liaison.node.deconfliction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.Party;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.MatchKind;

/** The partners this node de-conflicts with, per kind: one agreement in force that includes it. */
@ApplicationScoped
public class DeconflictionPartners {
  @Inject AgreementStore store;
  @Inject NodeConfig config;

  public List<PartnerAgreement> forKind(MatchKind kind) {
    String me = config.agency();
    Map<String, String> chosen = new LinkedHashMap<>();
    store.all(Instant.now()).stream()
        .filter(AgreementStatus::inForce)
        .map(s -> s.agreement().orElseThrow())
        .filter(a -> a.hasParty(me) && DeconflictionTerms.allows(a, kind))
        .sorted(Comparator.comparing(Agreement::id))
        .forEach(
            a -> {
              for (Party p : a.parties()) {
                if (!p.agency().equals(me)) {
                  chosen.putIfAbsent(p.agency(), a.id());
                }
              }
            });
    List<PartnerAgreement> out = new ArrayList<>();
    chosen.forEach((agency, id) -> out.add(new PartnerAgreement(agency, id)));
    return out;
  }

  /**
   * Every partner with any agreement in force, and the first such agreement (for quota reports).
   */
  public List<PartnerAgreement> all() {
    String me = config.agency();
    Map<String, String> chosen = new LinkedHashMap<>();
    store.all(Instant.now()).stream()
        .filter(AgreementStatus::inForce)
        .map(s -> s.agreement().orElseThrow())
        .filter(a -> a.hasParty(me))
        .sorted(Comparator.comparing(Agreement::id))
        .forEach(
            a ->
                a.parties().stream()
                    .filter(p -> !p.agency().equals(me))
                    .forEach(p -> chosen.putIfAbsent(p.agency(), a.id())));
    List<PartnerAgreement> out = new ArrayList<>();
    chosen.forEach((agency, id) -> out.add(new PartnerAgreement(agency, id)));
    return out;
  }
}
