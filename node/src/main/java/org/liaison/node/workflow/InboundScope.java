package org.liaison.node.workflow;

import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.query.RequestScope;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/**
 * Checks a partner's new workflow request against the agreement named in its envelope (which
 * FederationService found in force): a request the agreement does not provide for is refused on
 * arrival, so it never reaches an officer's inbox.
 */
@ApplicationScoped
public class InboundScope {
  @Inject AgreementStore agreements;
  @Inject NodeConfig config;

  /**
   * A request for information: the agreement's direction to the sender must permit the purpose and
   * role.
   */
  public void check(InboundRequest r, String role) {
    Optional<Refusal> refusal = RequestScope.check(agreement(r), config.agency(), r.scope(), role);
    if (refusal.isPresent()) {
      throw new WorkflowException(
          Status.Code.PERMISSION_DENIED, refusal.get().getReason(), refusal.get().getMessage());
    }
  }

  /** A designation request: the agreement must track designation requests. */
  public void requireDesignationsTracked(InboundRequest r) {
    Agreement a = agreement(r);
    if (a.serviceLevels() == null || !a.serviceLevels().designationRequestsTracked()) {
      throw new WorkflowException(
          Status.Code.PERMISSION_DENIED,
          Reason.WORKFLOW_NOT_PERMITTED,
          "agreement " + a.id() + " does not provide for cross-designation requests");
    }
  }

  /**
   * When this agency owes its answer: from arrival, by this node's own copy of the agreement's
   * service levels (a deadline the requester writes is never taken); null when the agreement sets
   * none.
   */
  public Instant dueAt(InboundRequest r, Instant arrival) {
    return AgreementChoice.dueAt(agreement(r), arrival);
  }

  private Agreement agreement(InboundRequest r) {
    return agreements
        .statusOf(r.agreementId())
        .flatMap(s -> s.agreement())
        .orElseThrow(
            () ->
                new WorkflowException(
                    Status.Code.PERMISSION_DENIED,
                    Reason.NO_AGREEMENT,
                    "this node holds no agreement " + r.agreementId()));
  }
}
