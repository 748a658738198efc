package org.liaison.gateway.relay;

import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.liaison.wire.transport.Channels;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.FederationGrpc;
import org.liaison.wire.v1.GatewayRelayGrpc;
import org.liaison.wire.v1.Reason;

/**
 * Sends envelopes onward over mutual TLS, one long-lived channel per (agency, address). The TLS
 * context is made per agency dialled, so the server must prove it is that agency's.
 */
public final class Forwarder implements AutoCloseable {
  private final Function<String, SslContext> tlsFor;
  private final int maxMessageBytes;
  private final ConcurrentMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /**
   * @param tlsFor the client TLS context for dialling a given agency
   */
  public Forwarder(Function<String, SslContext> tlsFor, int maxMessageBytes) {
    this.tlsFor = tlsFor;
    this.maxMessageBytes = maxMessageBytes;
  }

  public Envelope toPartnerGateway(
      String partner, String address, Envelope envelope, Deadline deadline)
      throws StatusRuntimeException {
    return onCurrentChannel(
        partner,
        address,
        c -> GatewayRelayGrpc.newBlockingStub(c).withDeadline(deadline).relay(envelope));
  }

  public Envelope toNode(String address, Envelope envelope, Deadline deadline)
      throws StatusRuntimeException {
    return onCurrentChannel(
        "",
        address,
        c -> FederationGrpc.newBlockingStub(c).withDeadline(deadline).deliver(envelope));
  }

  // a call that found its channel shut down by dropConnections never left: make it once more on
  // the channel that replaced it
  private Envelope onCurrentChannel(
      String agency, String address, Function<ManagedChannel, Envelope> call) {
    ManagedChannel c = channel(agency, address);
    try {
      return call.apply(c);
    } catch (StatusRuntimeException e) {
      if (!Channels.refusedByShutdown(c, e)) {
        throw e;
      }
      return call.apply(channel(agency, address));
    }
  }

  private ManagedChannel channel(String agency, String address) {
    return Channels.redialIfFailed(
        channels.computeIfAbsent(
            agency + "@" + address,
            k -> Channels.mutualTls(address, tlsFor.apply(agency), maxMessageBytes)));
  }

  /**
   * Closes every channel (calls in flight finish), so the next envelope handshakes under the trust
   * as it is now: after a reload, a revoked partner's open connection is not reused.
   */
  public void dropConnections() {
    for (String key : List.copyOf(channels.keySet())) {
      ManagedChannel c = channels.remove(key);
      if (c != null) {
        c.shutdown();
      }
    }
  }

  /**
   * A failure of the next hop as the caller should see it: a refusal from the far side passes
   * through unchanged; a hop that cannot be reached or answered in time gets a reason of its own.
   */
  static StatusRuntimeException describe(StatusRuntimeException e, String hop) {
    if (Refusals.reasonOf(e).isPresent()) {
      return e;
    }
    Status.Code code = e.getStatus().getCode();
    if (code == Status.Code.DEADLINE_EXCEEDED) {
      return Refusals.refuse(
          code, Reason.DEADLINE_EXCEEDED, hop + " did not answer before the deadline");
    }
    if (code == Status.Code.UNAVAILABLE && tlsRefused(e)) {
      return Refusals.refuse(
          code,
          Reason.PARTNER_UNAVAILABLE,
          hop
              + " refused the TLS handshake: its gateway admits only agencies with an agreement in"
              + " force on its side, so the agreement may be suspended, expired or terminated there");
    }
    if (code == Status.Code.UNAVAILABLE) {
      return Refusals.refuse(
          code,
          Reason.PARTNER_UNAVAILABLE,
          hop + " is unreachable (" + e.getStatus().getDescription() + ")");
    }
    return Refusals.refuse(
        Status.Code.INTERNAL,
        Reason.INTERNAL,
        hop + " failed: " + code + " " + e.getStatus().getDescription());
  }

  private static boolean tlsRefused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return true;
      }
    }
    String description =
        e instanceof StatusRuntimeException s ? s.getStatus().getDescription() : null;
    return description != null && description.toLowerCase(java.util.Locale.ROOT).contains("ssl");
  }

  @Override
  public void close() {
    for (ManagedChannel c : channels.values()) {
      c.shutdownNow();
    }
    for (ManagedChannel c : channels.values()) {
      try {
        c.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
