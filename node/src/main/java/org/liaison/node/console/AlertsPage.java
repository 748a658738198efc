package org.liaison.node.console;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.v1.AcknowledgeRequest;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.AlertsRequest;
import org.liaison.wire.v1.DeconflictionGrpc;

/**
 * De-confliction alerts, live on every page: the node's follow stream (pending alerts, then new
 * ones) pushed as server-sent events. The browser acknowledges an alert once it has shown it, so an
 * alert the page never displayed is delivered again, as the CLI's {@code alerts} does.
 */
@Path("/console/alerts")
public class AlertsPage {
  @Inject ConsoleRequest request;
  @Inject ConsoleChannel channel;

  @Location("console/alerts.html")
  Template page;

  @Location("console/alert.html")
  Template alert;

  @Location("console/acknowledged.html")
  Template acknowledged;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance page() {
    return request.page(page, "alerts");
  }

  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> stream(@Context Sse sse) {
    Locale locale = request.locale();
    var stub = DeconflictionGrpc.newStub(channel.as(request.officer()));
    return Multi.createFrom()
        .emitter(
            emitter ->
                stub.alerts(
                    AlertsRequest.newBuilder().setFollow(true).build(),
                    new ClientResponseObserver<AlertsRequest, Alert>() {
                      @Override
                      public void beforeStart(ClientCallStreamObserver<AlertsRequest> call) {
                        emitter.onTermination(() -> call.cancel("the page went away", null));
                      }

                      @Override
                      public void onNext(Alert a) {
                        emitter.emit(
                            sse.newEventBuilder()
                                .name("alert")
                                .data(
                                    alert
                                        .data("alert", AnswerViews.AlertView.of(a))
                                        .setLocale(locale)
                                        .render())
                                .build());
                      }

                      @Override
                      public void onError(Throwable t) {
                        emitter.complete();
                      }

                      @Override
                      public void onCompleted() {
                        emitter.complete();
                      }
                    }));
  }

  @POST
  @Path("{id}/acknowledge")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance acknowledge(@PathParam("id") String id) {
    try {
      DeconflictionGrpc.newBlockingStub(channel.as(request.officer()))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .acknowledge(AcknowledgeRequest.newBuilder().addAlertIds(id).build());
      return request.fragment(acknowledged).data("id", id);
    } catch (RuntimeException e) {
      return request.callFailed(e);
    }
  }
}
