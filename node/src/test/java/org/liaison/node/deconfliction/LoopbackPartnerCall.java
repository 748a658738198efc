package org.liaison.node.deconfliction;

import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.audit.AuditedWrite;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.InboundHandlers;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.federation.RecordedWith;
import org.liaison.node.store.PlainTransaction;

/** Delivers partner requests to this node's own handlers, as if sent by {@code us.partner}. */
@Alternative
@ApplicationScoped
public class LoopbackPartnerCall implements PartnerCall {
  @Inject InboundHandlers handlers;
  @Inject AuditLog audit;
  @Inject PlainTransaction transaction;

  /** A request as the partner received it. */
  record Sent(OutboundRequest header, byte[] payload) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();

  /**
   * Every request sent since the last {@link #clear}. A method, not a field: the test holds a
   * client proxy, whose own fields are not this bean's.
   */
  List<Sent> sent() {
    return List.copyOf(sent);
  }

  void clear() {
    sent.clear();
  }

  // what the real call commits with its own SENT entry (this one writes none: nothing leaves)
  private void recordBeforeSending(RecordedWith w) {
    if (!w.entries().isEmpty()) {
      audit.appendAll(w.entries(), w.writes());
    } else if (!w.writes().isEmpty()) {
      transaction.run(c -> AuditedWrite.writeAll(c, w.writes()));
    }
    w.onRecorded().run();
  }

  @Override
  public CompletableFuture<byte[]> send(OutboundRequest r, Message payload, long deadlineMs) {
    try {
      recordBeforeSending(r.recordedWith());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e); // as the gateway's call: nothing leaves
    }
    sent.add(new Sent(r, payload.toByteArray()));
    try {
      Message answer =
          handlers
              .forType(r.contentType())
              .orElseThrow()
              .handle(
                  new InboundRequest(
                      new ExchangeScope(
                          LoopbackProfile.PARTNER,
                          r.scope().agreementId(),
                          r.scope().purpose(),
                          r.scope().caseReference()),
                      "node-1",
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
