package org.liaison.node.federation;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.audit.PartnerHistory;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.Envelopes;
import org.liaison.wire.envelope.OpenedEnvelope;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.transport.Channels;
import org.liaison.wire.transport.MutualTls;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * Seals a request to a partner's node, sends it through this agency's gateway, and opens the answer
 * only if it is signed by that partner and bound to this very request.
 */
@ApplicationScoped
public class GatewayPartnerCall implements PartnerCall {
  static final String PARTNER_NODE = "node-1";

  @Inject NodeEnvelopes envelopes;
  @Inject NodeKeys keys;
  @Inject NodeConfig config;
  @Inject AuditLog audit;
  @Inject PartnerHistory partnerLogs;

  private volatile ManagedChannel channel;

  // A trust change (a revoked gateway certificate, say) must not leave a connection made under
  // the old trust open, and a rotated TLS key should be presented before the old certificate is
  // revoked: drop the channel (its calls finish), so the next call handshakes anew.
  @jakarta.annotation.PostConstruct
  void dropChannelOnTrustOrKeyChange() {
    keys.onTrustChange(this::dropChannel);
    keys.onKeyChange(next -> dropChannel());
  }

  private void dropChannel() {
    ManagedChannel old;
    synchronized (this) {
      old = channel;
      channel = null;
    }
    if (old != null) {
      old.shutdown();
    }
  }

  private ManagedChannel channel() {
    ManagedChannel c = channel;
    if (c == null) {
      synchronized (this) {
        if (channel == null) {
          channel =
              Channels.mutualTls(
                  config.gateway().address(),
                  MutualTls.client(keys.tls(), keys.ownAgencyTrust(CertificateRole.GATEWAY_TLS)),
                  config.federation().maxMessageBytes());
        }
        c = channel;
      }
    }
    return c;
  }

  @Override
  public CompletableFuture<byte[]> send(OutboundRequest r, Message payload, long deadlineMs) {
    ExchangeScope scope = r.scope();
    String partner = scope.partnerAgency();
    Envelope request;
    try {
      request =
          envelopes.seal(
              SealRequest.request(
                  partner,
                  PARTNER_NODE,
                  scope.agreementId(),
                  scope.purpose(),
                  scope.caseReference(),
                  r.officerId(),
                  r.contentType(),
                  Duration.ofMillis(config.query().ttlMs())),
              payload.toByteArray());
    } catch (WireException e) {
      return CompletableFuture.failedFuture(
          new ExchangeFailure(
              PartnerAnswer.Status.REJECTED,
              e.reason(),
              "the request to " + partner + " could not be sealed: " + e.getMessage()));
    }
    byte[] requestHash = Envelopes.signedContentHash(request);
    String messageId =
        EnvelopeOpener.unverifiedHeader(request).map(h -> h.getMessageId()).orElse("");
    AuditEvent sent =
        AuditEvent.builder(AuditKind.QUERY)
            .exchange(AuditEvent.Direction.OUT, scope)
            .officer(r.officerId())
            .messageId(messageId)
            .contentType(r.contentType())
            .outcome("SENT")
            .requestHash(requestHash)
            .build();
    try {
      // fail closed: a request leaves only once it is on the record, with what it rides with; a
      // durable intent is that record while the log's last batch committed (decision 0055)
      if (r.sentWithAnswer() != null && audit.lastBatchCommitted()) {
        r.sentWithAnswer().hold(sent);
      } else {
        List<AuditEvent> entries = new ArrayList<>(r.recordedWith().entries());
        entries.add(sent);
        audit.appendAll(entries, r.recordedWith().writes());
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new ExchangeFailure(
              PartnerAnswer.Status.UNAVAILABLE,
              Reason.AUDIT_UNAVAILABLE,
              "this node cannot write its audit record, so nothing was sent to "
                  + partner
                  + "; retry later"));
    }
    r.recordedWith().onRecorded().run();
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
    relay(request, deadlineNanos, true)
        .whenComplete(
            (answer, t) -> {
              if (t != null) {
                result.completeExceptionally(ExchangeFailure.of(t, partner));
                return;
              }
              try {
                OpenedEnvelope opened = envelopes.openAnswer(answer, requestHash);
                String signer = opened.header().getSenderAgency();
                if (!signer.equals(partner)) {
                  throw new WireException(
                      Reason.SIGNER_NOT_OF_SENDER_AGENCY,
                      "the answer is signed by " + signer + ", not by " + partner);
                }
                partnerLogs.fromEnvelope(opened.header(), opened.signerCertificate());
                result.complete(opened.payload());
              } catch (WireException e) {
                result.completeExceptionally(
                    new ExchangeFailure(
                        PartnerAnswer.Status.REJECTED,
                        e.reason(),
                        "the answer from " + partner + " was discarded: " + e.getMessage()));
              }
            });
    return result;
  }

  // A call that found the channel shut down by a key or trust change never left this node: it is
  // made once more on the channel that replaced it.
  private CompletableFuture<Envelope> relay(
      Envelope request, long deadlineNanos, boolean mayRetry) {
    ManagedChannel c = Channels.redialIfFailed(channel());
    CompletableFuture<Envelope> sent = new CompletableFuture<>();
    Futures.addCallback(
        GatewayRelayGrpc.newFutureStub(c)
            .withDeadlineAfter(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)
            .relay(request),
        new FutureCallback<>() {
          @Override
          public void onSuccess(Envelope answer) {
            sent.complete(answer);
          }

          @Override
          public void onFailure(Throwable t) {
            if (mayRetry && Channels.refusedByShutdown(c, t)) {
              relay(request, deadlineNanos, false)
                  .whenComplete(
                      (answer, again) -> {
                        if (again != null) {
                          sent.completeExceptionally(again);
                        } else {
                          sent.complete(answer);
                        }
                      });
            } else {
              sent.completeExceptionally(t);
            }
          }
        },
        MoreExecutors.directExecutor());
    return sent;
  }

  @PreDestroy
  void close() {
    if (channel != null) {
      channel.shutdownNow();
    }
  }
}
