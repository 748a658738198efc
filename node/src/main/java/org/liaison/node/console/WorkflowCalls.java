package org.liaison.node.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowsGrpc;
import org.liaison.wire.v1.WorkflowsGrpc.WorkflowsBlockingStub;

/**
 * The officers' workflow service as the console's pages call it: as the signed-in officer, through
 * the console's channel. A call that starts or answers a workflow shows the item it returned, or
 * the sentence its failure gives the officer.
 */
@ApplicationScoped
public class WorkflowCalls {
  @Inject ConsoleRequest request;
  @Inject ConsoleChannel channel;

  @Location("console/item.html")
  Template item;

  WorkflowsBlockingStub stub() {
    return channel.blocking(request.officer(), WorkflowsGrpc::newBlockingStub);
  }

  /** The item {@code call} returns, or the sentence its failure gives the officer. */
  TemplateInstance itemOrError(Function<WorkflowsBlockingStub, WorkflowItem> call) {
    try {
      return request.fragment(item).data("item", WorkflowViews.ItemView.of(call.apply(stub())));
    } catch (RuntimeException e) {
      return request.callFailed(e);
    }
  }
}
