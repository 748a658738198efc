package org.liaison.node.workflow.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.workflow.RecordLookup;
import org.liaison.node.workflow.RecordLookup.HeldRecord;
import org.liaison.node.workflow.WorkflowTimers;
import org.liaison.wire.v1.ConsentDraft;

/**
 * With {@code liaison.workflow.auto-consent-request=true}, a partner's query that meets a record
 * withheld for lack of the originator's consent starts the consent request itself, so the officer
 * does not have to; once per record and partner (after a refusal, only an officer asks again). A
 * failure here never fails the query.
 */
@ApplicationScoped
public class AutoConsentRequests {
  private static final Logger LOG = Logger.getLogger(AutoConsentRequests.class);

  @Inject NodeConfig config;
  @Inject RecordLookup records;
  @Inject ConsentNeed need;
  @Inject GrantedConsents consents;
  @Inject ConsentService service;
  @Inject WorkflowTimers timers;

  public synchronized void consentMissing(String recordId, String requester) {
    if (!config.workflow().autoConsentRequest()) {
      return;
    }
    try {
      HeldRecord r = records.find(recordId, false).orElse(null);
      if (r == null || !need.needed(r, requester) || consents.asked(recordId, requester)) {
        return;
      }
      service.request(
          ConsentDraft.newBuilder()
              .setRecordId(recordId)
              .setForAgency(requester)
              .setJustification(
                  requester
                      + " asked about this record, withheld until "
                      + r.originator()
                      + " consents")
              .build(),
          "node");
      timers.kick();
    } catch (RuntimeException e) {
      LOG.warnf(e, "could not ask for consent to disclose %s to %s", recordId, requester);
    }
  }
}
