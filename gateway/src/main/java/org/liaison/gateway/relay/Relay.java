package org.liaison.gateway.relay;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.liaison.gateway.admission.PartnerRateLimits;
import org.liaison.gateway.observability.RelayLog;
import org.liaison.gateway.routing.RoutingTable;
import org.liaison.wire.transport.PartnerConcurrency;
import org.liaison.wire.transport.PeerIdentity;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;

/**
 * The gateway's one job: admit, route and forward envelopes it cannot read.
 *
 * <p>Outbound (from an own node to a partner): the TLS peer is one of this agency's nodes, the
 * envelope is signed by this agency, an agreement with the recipient is in force, the partner's
 * rate limit allows it. Inbound (from a partner gateway to an own node): the TLS peer is the
 * gateway of the agency that signed the envelope, the envelope is addressed to this agency, an
 * agreement with the sender is in force, its rate limit allows it.
 */
public final class Relay {
  private final String agency;
  private final EnvelopeInspector inspector;
  private final PartnerAdmission admission;
  private final PartnerRateLimits rateLimits;
  private final PartnerConcurrency concurrency;
  private final RoutingTable routes;
  private final Forwarder forwarder;
  private final long maxDeadlineMs;
  private final TamperMode tamper;
  private final RelayLog log;

  public Relay(
      String agency,
      EnvelopeInspector inspector,
      PartnerAdmission admission,
      PartnerRateLimits rateLimits,
      PartnerConcurrency concurrency,
      RoutingTable routes,
      Forwarder forwarder,
      long maxDeadlineMs,
      TamperMode tamper,
      RelayLog log) {
    this.agency = agency;
    this.inspector = inspector;
    this.admission = admission;
    this.rateLimits = rateLimits;
    this.concurrency = concurrency;
    this.routes = routes;
    this.forwarder = forwarder;
    this.maxDeadlineMs = maxDeadlineMs;
    this.tamper = tamper;
    this.log = log;
  }

  /** An envelope from one of this agency's nodes, to a partner. */
  public Envelope outbound(PeerIdentity peer, Envelope envelope) {
    long started = System.nanoTime();
    InspectedEnvelope header = null;
    try {
      if (!peer.agency().equals(agency) || !"node".equals(peer.kind())) {
        throw new RelayRefusal(
            Status.Code.PERMISSION_DENIED,
            Reason.TLS_PEER_NOT_OF_SENDER_AGENCY,
            "only nodes of " + agency + " may send through this listener; the peer is " + peer);
      }
      header = inspector.inspect(envelope);
      requireSender(header, agency);
      if (header.recipientAgency().equals(agency)) {
        throw new RelayRefusal(
            Status.Code.INVALID_ARGUMENT,
            Reason.NO_ROUTE,
            "the envelope is addressed to this gateway's own agency; nodes talk to partners only");
      }
      admission.requireAgreementInForce(header.recipientAgency());
      requireRate(header.recipientAgency());
      String partner = header.recipientAgency();
      String address =
          routes.partnerGateway(partner).orElseThrow(() -> noRoute("agency " + partner));
      Envelope onward = tamper == TamperMode.OUTBOUND ? tamper.apply(envelope) : envelope;
      Deadline deadline = deadline(header);
      Envelope answer =
          forward(
              () -> forwarder.toPartnerGateway(partner, address, onward, deadline),
              "the gateway of " + partner);
      log.relayed("out", header, answer.getSerializedSize(), System.nanoTime() - started);
      return answer;
    } catch (RelayRefusal r) {
      log.refused("out", peer, envelope, header, r.reason(), r.getMessage());
      throw r.toStatus();
    } catch (StatusRuntimeException e) {
      log.failed("out", peer, header, e);
      throw e;
    }
  }

  /** An envelope from a partner's gateway, to one of this agency's nodes. */
  public Envelope inbound(PeerIdentity peer, Envelope envelope) {
    long started = System.nanoTime();
    InspectedEnvelope header = null;
    try {
      if (!"gateway".equals(peer.kind()) || peer.agency().equals(agency)) {
        throw new RelayRefusal(
            Status.Code.PERMISSION_DENIED,
            Reason.TLS_PEER_NOT_OF_SENDER_AGENCY,
            "only partner gateways may connect to this listener; the peer is " + peer);
      }
      admission.requireAgreementInForce(peer.agency());
      requireRate(peer.agency());
      header = inspector.inspect(envelope);
      requireSender(header, peer.agency());
      if (!header.recipientAgency().equals(agency)) {
        throw new RelayRefusal(
            Status.Code.INVALID_ARGUMENT,
            Reason.WRONG_RECIPIENT,
            "the envelope is addressed to "
                + header.recipientAgency()
                + ", not to "
                + agency
                + "; gateways do not relay between third parties");
      }
      InspectedEnvelope h = header;
      String address =
          routes.ownNode(h.recipientNode()).orElseThrow(() -> noRoute("node " + h.recipientNode()));
      Envelope onward = tamper == TamperMode.INBOUND ? tamper.apply(envelope) : envelope;
      Envelope answer;
      try (PartnerConcurrency.Slot slot = enter(peer.agency())) {
        answer =
            forward(
                () -> forwarder.toNode(address, onward, deadline(h)), "node " + h.recipientNode());
      }
      log.relayed("in", header, answer.getSerializedSize(), System.nanoTime() - started);
      return answer;
    } catch (RelayRefusal r) {
      log.refused("in", peer, envelope, header, r.reason(), r.getMessage());
      throw r.toStatus();
    } catch (StatusRuntimeException e) {
      log.failed("in", peer, header, e);
      throw e;
    }
  }

  private interface Hop {
    Envelope call();
  }

  private static Envelope forward(Hop hop, String name) {
    try {
      return hop.call();
    } catch (StatusRuntimeException e) {
      throw Forwarder.describe(e, name);
    }
  }

  private static void requireSender(InspectedEnvelope header, String expected) throws RelayRefusal {
    if (!header.senderAgency().equals(expected)) {
      throw new RelayRefusal(
          Status.Code.PERMISSION_DENIED,
          Reason.TLS_PEER_NOT_OF_SENDER_AGENCY,
          "the envelope is signed for "
              + header.senderAgency()
              + " but arrived over a connection from "
              + expected);
    }
  }

  private void requireRate(String partner) throws RelayRefusal {
    if (!rateLimits.tryAcquire(partner)) {
      throw new RelayRefusal(
          Status.Code.RESOURCE_EXHAUSTED,
          Reason.RATE_LIMITED,
          "the rate limit for " + partner + " is exhausted; retry in a second");
    }
  }

  private PartnerConcurrency.Slot enter(String partner) throws RelayRefusal {
    return concurrency
        .tryEnter(partner)
        .orElseThrow(
            () ->
                new RelayRefusal(
                    Status.Code.RESOURCE_EXHAUSTED,
                    Reason.PARTNER_BUSY,
                    concurrency.busy(partner)));
  }

  private static RelayRefusal noRoute(String target) {
    return new RelayRefusal(
        Status.Code.NOT_FOUND,
        Reason.NO_ROUTE,
        "this gateway has no route to " + target + "; add it to its routing table");
  }

  /** The caller's deadline, but never beyond the envelope's expiry or the gateway's cap. */
  private Deadline deadline(InspectedEnvelope header) {
    Deadline cap = Deadline.after(maxDeadlineMs, TimeUnit.MILLISECONDS);
    long untilExpiry = header.expiresAtMs() - System.currentTimeMillis();
    if (untilExpiry > 0) {
      cap = cap.minimum(Deadline.after(untilExpiry, TimeUnit.MILLISECONDS));
    }
    Deadline callers = Context.current().getDeadline();
    return callers == null ? cap : callers.minimum(cap);
  }
}
