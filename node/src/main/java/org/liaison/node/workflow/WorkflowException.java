package org.liaison.node.workflow;

import io.grpc.Status;
import org.liaison.node.runtime.RequestRefused;
import org.liaison.wire.v1.Reason;

/** An officer's workflow request that cannot be carried out, with the reason and a sentence. */
public class WorkflowException extends RequestRefused {
  public WorkflowException(Status.Code code, Reason reason, String sentence) {
    super(code, reason, sentence);
  }

  public static WorkflowException invalid(String sentence) {
    return new WorkflowException(Status.Code.INVALID_ARGUMENT, Reason.INVALID_ARGUMENT, sentence);
  }

  public static WorkflowException notFound(String sentence) {
    return new WorkflowException(Status.Code.NOT_FOUND, Reason.NOT_FOUND, sentence);
  }

  /** The workflow is not (or no longer) in a state that takes what was asked of it. */
  public static WorkflowException notAwaitingAnswer(String sentence) {
    return new WorkflowException(
        Status.Code.FAILED_PRECONDITION, Reason.WORKFLOW_NOT_AWAITING_ANSWER, sentence);
  }
}
