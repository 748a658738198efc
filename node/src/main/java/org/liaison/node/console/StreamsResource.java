package org.liaison.node.console;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/** The server-sent events of one running query, check or operation plan. */
@Path("/console/streams")
public class StreamsResource {
  @Inject ConsoleRequest request;
  @Inject LiveStreams streams;

  @GET
  @Path("{id}")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
    return streams
        .take(id, request.officer())
        .onCompletion()
        .ifEmpty()
        .continueWith(new LiveStreams.Event("end", "<p role=\"status\">-</p>"))
        .map(e -> sse.newEventBuilder().name(e.name()).data(e.html()).build());
  }
}
