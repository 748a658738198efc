package org.liaison.node.workflow.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.liaison.node.consent.ConsentLedger;
import org.liaison.node.workflow.delivery.WorkflowMessages;
import org.liaison.wire.text.GrantConditions;
import org.liaison.wire.v1.ConsentAnswer;

/**
 * Consents this agency asked originators for and was granted, as the consent workflow recorded.
 * When the node is configured to, a record not yet consented to also starts a consent request to
 * its originator (see {@link AutoConsentRequests}).
 */
@ApplicationScoped
public class WorkflowConsentLedger implements ConsentLedger {
  @Inject GrantedConsents consents;
  @Inject AutoConsentRequests auto;

  @Override
  public boolean granted(String recordId, String requestingAgency) {
    if (consents.granted(recordId, requestingAgency)) {
      return true;
    }
    auto.consentMissing(recordId, requestingAgency);
    return false;
  }

  @Override
  public List<String> grantCaveats(String recordId, String requestingAgency) {
    return consents
        .grant(recordId, requestingAgency)
        .map(
            w ->
                GrantConditions.caveats(
                    w.scope.partnerAgency(),
                    WorkflowMessages.decode(ConsentAnswer.parser(), w.answerB64).getConditions()))
        .orElse(List.of());
  }
}
