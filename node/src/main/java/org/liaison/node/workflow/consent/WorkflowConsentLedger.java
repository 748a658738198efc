package org.liaison.node.workflow.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.liaison.node.consent.ConsentLedger;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

/** Consents this agency asked originators for and was granted, as the consent workflow recorded. */
@ApplicationScoped
public class WorkflowConsentLedger implements ConsentLedger {
  @Inject EntityManager em;

  @Override
  @Transactional
  public boolean granted(String recordId, String requestingAgency) {
    return em.createQuery(
                "select count(w) from Workflow w where w.kind = :kind and w.side = :side"
                    + " and w.recordRef = :record and w.thirdAgency = :agency and w.state = :state",
                Long.class)
            .setParameter("kind", WorkflowKind.CONSENT)
            .setParameter("side", WorkflowSide.REQUESTER)
            .setParameter("record", recordId)
            .setParameter("agency", requestingAgency)
            .setParameter("state", WorkflowState.GRANTED)
            .getSingleResult()
        > 0;
  }
}
