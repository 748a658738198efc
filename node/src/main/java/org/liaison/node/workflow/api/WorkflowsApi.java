package org.liaison.node.workflow.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.liaison.node.officer.OfficerIdentity;
import org.liaison.node.runtime.OfficerApi;
import org.liaison.node.runtime.RequestRefused;
import org.liaison.node.runtime.UnaryAnswer;
import org.liaison.node.workflow.Workflow;
import org.liaison.node.workflow.WorkflowEngine;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.WorkflowTimers;
import org.liaison.node.workflow.consent.ConsentService;
import org.liaison.node.workflow.designation.DesignationService;
import org.liaison.node.workflow.feedback.FeedbackService;
import org.liaison.node.workflow.rfi.RfiService;
import org.liaison.node.workflow.timeliness.TimelinessReporter;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.ConsentDraft;
import org.liaison.wire.v1.DesignatedAgentList;
import org.liaison.wire.v1.DesignatedAgentsRequest;
import org.liaison.wire.v1.DesignationDraft;
import org.liaison.wire.v1.FeedbackDraft;
import org.liaison.wire.v1.FeedbackDutiesRequest;
import org.liaison.wire.v1.FeedbackDutyList;
import org.liaison.wire.v1.InfoRequestDraft;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.TimelinessReport;
import org.liaison.wire.v1.TimelinessRequest;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowItems;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;
import org.liaison.wire.v1.WorkflowRef;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * The officers' workflow API: a thin adapter from gRPC to the workflow services. The officer is the
 * authenticated TLS peer ({@link OfficerIdentity}); a request naming another officer or a role the
 * officer does not hold is refused.
 */
@GrpcService
@Singleton
public class WorkflowsApi extends WorkflowsGrpc.WorkflowsImplBase implements OfficerApi {
  private static final Logger LOG = Logger.getLogger(WorkflowsApi.class);

  @Inject RfiService rfi;
  @Inject ConsentService consent;
  @Inject FeedbackService feedback;
  @Inject DesignationService designation;
  @Inject TimelinessReporter timeliness;
  @Inject WorkflowEngine engine;
  @Inject ItemViews views;
  @Inject WorkflowTimers timers;
  @Inject OfficerIdentity identity;

  @Blocking
  @Override
  public void requestInformation(InfoRequestDraft r, StreamObserver<WorkflowItem> out) {
    started(
        out,
        () ->
            rfi.request(
                r.toBuilder()
                    .setOfficerRole(identity.role(r.getOfficerRole(), r.getCaseReference()))
                    .build(),
                identity.actingAs(r.getOfficerId(), r.getCaseReference())));
  }

  @Blocking
  @Override
  public void requestConsent(ConsentDraft r, StreamObserver<WorkflowItem> out) {
    started(
        out, () -> consent.request(r, identity.actingAs(r.getOfficerId(), r.getCaseReference())));
  }

  @Blocking
  @Override
  public void recordFeedback(FeedbackDraft r, StreamObserver<WorkflowItem> out) {
    started(
        out, () -> feedback.record(r, identity.actingAs(r.getOfficerId(), r.getCaseReference())));
  }

  @Blocking
  @Override
  public void requestDesignation(DesignationDraft r, StreamObserver<WorkflowItem> out) {
    started(
        out,
        () -> designation.request(r, identity.actingAs(r.getOfficerId(), r.getCaseReference())));
  }

  @Blocking
  @Override
  public void answer(WorkflowAnswer r, StreamObserver<WorkflowItem> out) {
    started(
        out,
        () -> {
          if (r.getWorkflowId().isBlank()) {
            throw WorkflowException.invalid("name the workflow to answer (its id)");
          }
          Workflow w = engine.require(r.getWorkflowId());
          String officer = identity.actingAs(r.getOfficerId(), "");
          return switch (w.kind) {
            case INFORMATION_REQUEST -> rfi.answer(r, officer);
            case CONSENT -> consent.answer(r, officer);
            case DESIGNATION -> designation.answer(r, officer);
            default ->
                throw WorkflowException.notAwaitingAnswer("a " + w.kind + " takes no answer");
          };
        });
  }

  @Blocking
  @Override
  public void list(WorkflowQuery r, StreamObserver<WorkflowItems> out) {
    answer(
        out,
        () -> {
          WorkflowItems.Builder items = WorkflowItems.newBuilder();
          for (Workflow w :
              engine.list(
                  r.getKind() == WorkflowKind.KIND_UNSPECIFIED ? null : r.getKind(),
                  r.getPartner().isBlank() ? null : r.getPartner(),
                  r.getAwaitingUs())) {
            items.addItems(views.view(w, false));
          }
          return items.build();
        });
  }

  @Blocking
  @Override
  public void show(WorkflowRef r, StreamObserver<WorkflowItem> out) {
    answer(out, () -> views.view(engine.require(r.getWorkflowId()), true));
  }

  @Blocking
  @Override
  public void feedbackDuties(FeedbackDutiesRequest r, StreamObserver<FeedbackDutyList> out) {
    answer(
        out,
        () -> FeedbackDutyList.newBuilder().addAllDuties(feedback.duties(r.getPartner())).build());
  }

  @Blocking
  @Override
  public void designatedAgents(DesignatedAgentsRequest r, StreamObserver<DesignatedAgentList> out) {
    answer(
        out,
        () ->
            DesignatedAgentList.newBuilder()
                .addAllAgents(designation.designated(r.getPartner()))
                .build());
  }

  @Blocking
  @Override
  public void timeliness(TimelinessRequest r, StreamObserver<TimelinessReport> out) {
    answer(out, () -> timeliness.report(r.getPartner(), Instant.now()));
  }

  /** A step was taken: send its message now rather than at the next outbox tick. */
  private void started(StreamObserver<WorkflowItem> out, Supplier<Workflow> action) {
    answer(
        out,
        () -> {
          Workflow w = action.get();
          timers.kick();
          return views.view(engine.require(w.workflowId), true);
        });
  }

  private static <T> void answer(StreamObserver<T> out, Supplier<T> action) {
    UnaryAnswer.send(out, action, WorkflowsApi::refusal);
  }

  /** A refusal the workflow services gave, or the node's failure to carry out the request. */
  private static StatusRuntimeException refusal(RuntimeException e) {
    if (e instanceof RequestRefused refused) {
      return refused.toStatus();
    }
    LOG.errorf(e, "workflow call failed");
    return Refusals.refuse(
        Status.Code.INTERNAL, Reason.INTERNAL, "the node could not carry out the request: " + e);
  }
}
