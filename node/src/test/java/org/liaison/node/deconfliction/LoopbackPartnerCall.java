package org.liaison.node.deconfliction;

import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.liaison.node.federation.InboundHandlers;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.federation.PartnerCall;

/** Delivers partner requests to this node's own handlers, as if sent by {@code us.partner}. */
@Alternative
@ApplicationScoped
public class LoopbackPartnerCall implements PartnerCall {
  @Inject InboundHandlers handlers;

  /** Every payload sent, as the partner received it. */
  final List<byte[]> received = new CopyOnWriteArrayList<>();

  final List<OutboundRequest> headers = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<byte[]> send(OutboundRequest r, Message payload, long deadlineMs) {
    received.add(payload.toByteArray());
    headers.add(r);
    try {
      Message answer =
          handlers
              .forType(r.contentType())
              .orElseThrow()
              .handle(
                  new InboundRequest(
                      LoopbackProfile.PARTNER,
                      "node-1",
                      r.agreementId(),
                      r.purpose(),
                      r.caseReference(),
                      r.officerId(),
                      UUID.randomUUID().toString(),
                      r.contentType(),
                      payload.toByteArray()));
      return CompletableFuture.completedFuture(answer.toByteArray());
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
