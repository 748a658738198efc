package org.liaison.node.deconfliction.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.records.CaseFile;
import org.liaison.wire.v1.PointOfContact;

/** The case agent of one of this agency's cases; the asking officer when the case is not here. */
@ApplicationScoped
public class CaseContacts implements RequesterContact {
  @Inject EntityManager em;
  @Inject NodeConfig config;

  @Override
  @Transactional
  public PointOfContact forCase(String caseReference, String officerId) {
    return em.createQuery("from CaseFile c where c.caseNumber = :n", CaseFile.class)
        .setParameter("n", caseReference)
        .getResultStream()
        .findFirst()
        .map(
            c ->
                PointOfContact.newBuilder()
                    .setAgency(config.agency())
                    .setName(nz(c.getAgentName()))
                    .setPhone(nz(c.getAgentPhone()))
                    .setEmail(nz(c.getAgentEmail()))
                    .build())
        .orElseGet(
            () ->
                PointOfContact.newBuilder().setAgency(config.agency()).setName(officerId).build());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
