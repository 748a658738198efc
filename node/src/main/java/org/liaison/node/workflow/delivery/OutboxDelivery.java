package org.liaison.node.workflow.delivery;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.ExchangeFailure;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.retry.RetryPolicy;
import org.liaison.node.workflow.WorkflowEngine;
import org.liaison.wire.v1.WorkflowAck;

/**
 * Delivers due outbox messages, one at a time, through the gateway. An acknowledged message is
 * done; a message the partner refuses (its answer says why) is given up and its workflow marked
 * undeliverable; any other failure (partner down, gateway down, deadline) is retried with
 * exponential backoff, across restarts, until acknowledged.
 */
@ApplicationScoped
public class OutboxDelivery {
  private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);

  @Inject Outbox outbox;
  @Inject PartnerCall partners;
  @Inject WorkflowEngine engine;
  @Inject NodeConfig config;

  /** Attempts every message due now; returns how many were acknowledged. */
  public int deliverDue() {
    int delivered = 0;
    for (Long id : outbox.due(Instant.now(), 100)) {
      if (attempt(id)) {
        delivered++;
      }
    }
    return delivered;
  }

  /** One attempt at one message; true when the partner acknowledged it. */
  public boolean attempt(long id) {
    OutboxEntry e = outbox.find(id);
    if (e == null || e.deliveredAt != null || e.failedAt != null) {
      return false;
    }
    OutboundRequest request = new OutboundRequest(e.scope, e.officerId, e.contentType);
    long deadline = config.workflow().deliveryDeadlineMs();
    WorkflowAck ack;
    try {
      byte[] answer =
          partners
              .send(request, WorkflowMessages.parse(e.contentType, e.payloadB64), deadline)
              .get(deadline + 1000, TimeUnit.MILLISECONDS);
      ack = WorkflowAck.parseFrom(answer);
    } catch (ExecutionException x) {
      Throwable cause = x.getCause();
      String why =
          cause instanceof ExchangeFailure f
              ? f.reason() + ": " + f.getMessage()
              : String.valueOf(cause);
      retryLater(id, why);
      return false;
    } catch (TimeoutException x) {
      retryLater(id, "no acknowledgement within " + deadline + " ms");
      return false;
    } catch (InvalidProtocolBufferException x) {
      retryLater(id, "the acknowledgement is not a WorkflowAck");
      return false;
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException x) {
      retryLater(id, x.toString());
      return false;
    }
    if (ack.hasRefusal()) {
      engine.undeliverable(id, ack.getRefusal());
      return false;
    }
    engine.delivered(id, ack);
    return true;
  }

  private void retryLater(long id, String why) {
    OutboxEntry e = outbox.retryLater(id, why, retryPolicy());
    LOG.infof(
        "workflow message %s to %s not delivered (attempt %d); next at %s",
        e.messageId, e.scope.partnerAgency(), e.attempts, e.nextAttemptAt);
    LOG.debugf("workflow message %s not delivered: %s", e.messageId, why);
  }

  RetryPolicy retryPolicy() {
    return RetryPolicy.untilAcknowledged(
        Duration.ofMillis(config.workflow().retryInitialMs()),
        Duration.ofMillis(config.workflow().retryMaxMs()));
  }
}
