package org.liaison.gateway.trust;

import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.liaison.agreements.Agreement;
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

  public AgreementTrust(String agency, AgreementStore store) {
    this.agency = agency;
    this.store = store;
  }

  /**
   * Partner agency to the CA fingerprints (hex SHA-256) that agreements in force name for it: all
   * of them, from every agreement (two while the partner rotates its CA). TLS trust follows these.
   */
  public Map<String, Set<String>> trustedPartners() {
    return pins(true);
  }

  /**
   * Partner agency to the CA fingerprints that any agreement in the folder names for it, in force
   * or not: the CAs this agency was told about by signed material. Envelope signers are checked
   * against these (and the CAs they vouch for), so that an agreement that ended is refused by
   * admission with its own reason rather than as an unknown CA.
   */
  public Map<String, Set<String>> namedPartners() {
    return pins(false);
  }

  private Map<String, Set<String>> pins(boolean inForceOnly) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (AgreementStatus s : store.all(Instant.now())) {
      if ((inForceOnly && !s.inForce()) || s.agreement().isEmpty()) {
        continue;
      }
      Agreement a = s.agreement().get();
      if (!a.hasParty(agency)) {
        continue;
      }
      for (Party p : a.parties()) {
        if (!p.agency().equals(agency)) {
          out.computeIfAbsent(p.agency(), k -> new TreeSet<>()).addAll(p.caSha256s());
        }
      }
    }
    return out;
  }

  @Override
  public void requireAgreementInForce(String partner) throws RelayRefusal {
    List<Agreement> inForce = store.inForce(agency, partner, Instant.now());
    if (!inForce.isEmpty()) {
      return;
    }
    List<AgreementStatus> known =
        store.all(Instant.now()).stream().filter(s -> s.between(agency, partner)).toList();
    if (known.isEmpty()) {
      throw new RelayRefusal(
          Status.Code.PERMISSION_DENIED,
          Reason.NO_AGREEMENT,
          agency + " has no agreement with " + partner + "; nothing is relayed without one");
    }
    AgreementStatus first = known.get(0);
    throw new RelayRefusal(
        Status.Code.PERMISSION_DENIED,
        first.reason() == null ? Reason.AGREEMENT_NOT_IN_FORCE : first.reason(),
        "no agreement between " + agency + " and " + partner + " is in force: " + first.sentence());
  }
}
