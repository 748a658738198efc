package org.liaison.node.partners;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.v1.AuditKind;

/**
 * Puts on record every new version of an agreement that the store refused (a signature by an
 * officer's, node's or gateway's certificate instead of the agency signatory's; a document that no
 * longer matches its signatures): a WARN line naming the agreement, the party and the reason, and a
 * {@code REFUSAL} audit entry. The version in force stays ({@link AgreementStore}).
 */
@ApplicationScoped
public class RefusedAgreementVersions {
  private static final Logger LOG = Logger.getLogger(RefusedAgreementVersions.class);

  @Inject AgreementStore agreements;
  @Inject AuditLog audit;
  @Inject NodeConfig config;

  void listen(@Observes StartupEvent start) {
    agreements.onRefusedVersion(this::record);
  }

  void record(AgreementStore.RefusedVersion r) {
    LOG.warnf(
        "refused a new version of agreement %s signed for %s, the version in force stays:"
            + " reason=%s (%s)",
        r.agreementId(), r.agency(), r.reason().name(), r.detail());
    audit.append(
        AuditEvent.builder(AuditKind.REFUSAL)
            .direction(AuditEvent.Direction.LOCAL)
            .requestingAgency(config.agency())
            .agreement(r.agreementId())
            .outcome("AGREEMENT_VERSION_REFUSED")
            .reason(r.reason().name())
            .detail("a new version signed for " + r.agency() + " was refused: " + r.detail())
            .build());
  }
}
