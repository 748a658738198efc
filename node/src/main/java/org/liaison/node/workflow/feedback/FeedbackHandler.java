package org.liaison.node.workflow.feedback;

import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.liaison.node.disclosure.DisclosureLedger;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.WorkflowInbound;
import org.liaison.wire.v1.FeedbackMessage;
import org.liaison.wire.v1.FeedbackReport;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowKind;

/** Feedback from a partner on a result that used information this agency disclosed. */
@ApplicationScoped
public class FeedbackHandler extends WorkflowInbound<FeedbackMessage> {
  @Inject DisclosureLedger disclosures;

  public FeedbackHandler() {
    super(FeedbackMessage.getDefaultInstance(), FeedbackMessage::getStep);
  }

  @Override
  protected void apply(InboundRequest r, FeedbackMessage m) {
    FeedbackReport f = m.getReport();
    requireDisclosed(r.senderAgency(), f.getRecordId());
    engine.arrive(
        r,
        m.getStep(),
        WorkflowKind.FEEDBACK,
        f.getRecordId(),
        null,
        null,
        f,
        f.getResult()
            + " using record "
            + f.getRecordId()
            + (f.getDisclosureMessageId().isBlank()
                ? ""
                : " (disclosure " + f.getDisclosureMessageId() + ")"));
  }

  /**
   * Feedback must be about a record this node disclosed to the sender; the record id is the
   * partner's text, so the refusal does not repeat it.
   */
  private void requireDisclosed(String partner, String recordId) {
    if (recordId.isBlank() || !disclosures.wasDisclosed(partner, recordId)) {
      throw new WorkflowException(
          Status.Code.FAILED_PRECONDITION,
          Reason.NOT_DISCLOSED_TO_PARTNER,
          "this agency never disclosed the record named to "
              + partner
              + "; feedback is accepted only on a record it disclosed (its own record id, as in"
              + " the disclosure)");
    }
  }
}
