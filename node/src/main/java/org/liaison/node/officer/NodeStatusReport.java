package org.liaison.node.officer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.Party;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.PendingChecks;
import org.liaison.node.deconfliction.filters.HeldFilters;
import org.liaison.node.search.RecordSearch;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.PartnerStatus;

/** What {@code liaison status} shows: who this node is, what it holds, which partners it has. */
@ApplicationScoped
public class NodeStatusReport {
  @Inject NodeConfig config;
  @Inject RecordSearch records;
  @Inject AgreementStore agreements;
  @Inject PendingChecks pendingChecks;
  @Inject HeldFilters heldFilters;

  public NodeStatus now() {
    var c = records.counts();
    NodeStatus.Builder b =
        NodeStatus.newBuilder()
            .setAgency(config.agency())
            .setNode(config.node())
            .setVersion(
                NodeStatusReport.class.getPackage().getImplementationVersion() == null
                    ? "dev"
                    : NodeStatusReport.class.getPackage().getImplementationVersion())
            .setCases(c.cases())
            .setRecords(c.records())
            .setIdentifiers(c.identifiers())
            .setPendingChecks(pendingChecks.waiting())
            .setHeldFiltersCaughtUp(heldFilters.caughtUp());
    for (AgreementStatus s : agreements.all()) {
      if (s.agreement().isEmpty() || !s.agreement().get().hasParty(config.agency())) {
        continue;
      }
      for (Party p : s.agreement().get().parties()) {
        if (!p.agency().equals(config.agency())) {
          b.addPartners(
              PartnerStatus.newBuilder()
                  .setAgency(p.agency())
                  .setAgreementId(s.id())
                  .setInForce(s.inForce())
                  .setReason(s.inForce() ? "" : s.sentence()));
        }
      }
    }
    return b.build();
  }
}
