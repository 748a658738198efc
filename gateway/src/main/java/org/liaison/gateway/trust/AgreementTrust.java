package org.liaison.gateway.trust;

import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.Party;
import org.liaison.gateway.relay.PartnerAdmission;
import org.liaison.gateway.relay.RelayRefusal;
import org.liaison.wire.v1.Reason;

/**
 * Trust derived from agreements, not from a separate list: a partner is admitted while an agreement
 * with it is in force, and only under the CA fingerprint that agreement names.
 */
public final class AgreementTrust implements PartnerAdmission {
  private final String agency;
  private final AgreementStore store;
  private final Clock clock;
  private volatile Pins pins;

  public AgreementTrust(String agency, AgreementStore store, Clock clock) {
    this.agency = agency;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Partner agency to the CA fingerprints (hex SHA-256) that agreements in force name for it: all
   * of them, from every agreement (two while the partner rotates its CA). TLS trust follows these.
   */
  public Map<String, Set<String>> trustedPartners() {
    return current().inForce();
  }

  /**
   * Partner agency to the CA fingerprints that any agreement in the folder names for it, in force
   * or not: the CAs this agency was told about by signed material. Envelope signers are checked
   * against these (and the CAs they vouch for), so that an agreement that ended is refused by
   * admission with its own reason rather than as an unknown CA.
   */
  public Map<String, Set<String>> namedPartners() {
    return current().named();
  }

  /**
   * The pins of the agreements as evaluated now. Every envelope and TLS peer asks, so they are
   * derived once per evaluation and kept while the store says it still holds: until the folder is
   * re-read (a lifecycle step, a changed file) or an agreement starts, ends or reaches a dated
   * lifecycle step, whichever comes first; then the next call evaluates again.
   */
  private Pins current() {
    Instant now = clock.instant();
    Pins p = pins;
    if (p == null || !store.stillHolds(p.basis(), now)) {
      p = Pins.of(agency, store.evaluate(now));
      pins = p;
    }
    return p;
  }

  /** The CA pins of one evaluation of the agreements: of those in force, of every one named. */
  private record Pins(
      AgreementStore.Evaluation basis,
      Map<String, Set<String>> inForce,
      Map<String, Set<String>> named) {

    static Pins of(String agency, AgreementStore.Evaluation basis) {
      Map<String, Set<String>> inForce = new TreeMap<>();
      Map<String, Set<String>> named = new TreeMap<>();
      for (AgreementStatus s : basis.statuses()) {
        if (s.agreement().isEmpty() || !s.agreement().get().hasParty(agency)) {
          continue;
        }
        for (Party p : s.agreement().get().parties()) {
          if (!p.agency().equals(agency)) {
            named.computeIfAbsent(p.agency(), k -> new TreeSet<>()).addAll(p.caSha256s());
            if (s.inForce()) {
              inForce.computeIfAbsent(p.agency(), k -> new TreeSet<>()).addAll(p.caSha256s());
            }
          }
        }
      }
      return new Pins(basis, frozen(inForce), frozen(named));
    }

    private static Map<String, Set<String>> frozen(Map<String, Set<String>> pins) {
      Map<String, Set<String>> out = new TreeMap<>();
      pins.forEach((partner, fps) -> out.put(partner, Collections.unmodifiableSet(fps)));
      return Collections.unmodifiableMap(out);
    }
  }

  @Override
  public void requireAgreementInForce(String partner) throws RelayRefusal {
    // a partner has pins in force exactly when an agreement in force has both agencies as parties
    if (!partner.equals(agency) && current().inForce().containsKey(partner)) {
      return;
    }
    Instant now = clock.instant();
    List<AgreementStatus> known =
        store.all(now).stream().filter(s -> s.between(agency, partner)).toList();
    if (known.isEmpty()) {
      throw new RelayRefusal(
          Status.Code.PERMISSION_DENIED,
          Reason.NO_AGREEMENT,
          agency + " has no agreement with " + partner + "; nothing is relayed without one");
    }
    AgreementStatus inForce =
        known.stream().filter(AgreementStatus::inForce).findFirst().orElse(null);
    if (inForce != null) {
      return;
    }
    AgreementStatus first = known.get(0);
    throw new RelayRefusal(
        Status.Code.PERMISSION_DENIED,
        first.reason() == null ? Reason.AGREEMENT_NOT_IN_FORCE : first.reason(),
        "no agreement between " + agency + " and " + partner + " is in force: " + first.sentence());
  }
}
