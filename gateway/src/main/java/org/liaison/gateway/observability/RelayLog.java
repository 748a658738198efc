package org.liaison.gateway.observability;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.liaison.gateway.relay.InspectedEnvelope;
import org.liaison.wire.transport.PeerIdentity;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.Reason;

/**
 * The metadata of what passes the border: a log line and metrics per envelope. Never the payload,
 * which the gateway cannot read anyway.
 */
public final class RelayLog {
  private static final Logger LOG = Logger.getLogger("liaison.gateway.relay");
  private final MeterRegistry metrics;

  /**
   * The meters, registered once per direction, partner and outcome: building a meter's id and
   * looking it up in the registry on every envelope was most of this class's cost under load
   * (decision 0069). Partners are agencies that passed the TLS check or a verified signature and
   * outcomes are reasons, so these stay small.
   */
  private final Map<Labels, Timer> relayTimes = new ConcurrentHashMap<>();

  private final Map<Labels, Counter> envelopes = new ConcurrentHashMap<>();

  private record Labels(String direction, String partner, String outcome) {}

  public RelayLog(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  public void relayed(String direction, InspectedEnvelope h, int answerBytes, long nanos) {
    if (LOG.isInfoEnabled()) {
      LOG.info(relayedLine(direction, h, answerBytes, nanos));
    }
    String partner = direction.equals("out") ? h.recipientAgency() : h.senderAgency();
    count(direction, partner, "relayed");
    relayTimes
        .computeIfAbsent(
            new Labels(direction, partner, ""),
            k ->
                Timer.builder("liaison.gateway.relay")
                    .tag("direction", direction)
                    .tag("partner", partner)
                    .publishPercentileHistogram()
                    .register(metrics))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * The line of a relayed envelope, built without {@code String.format}: parsing and applying its
   * format was a third of this method's cost on a gateway under load (decision 0064).
   */
  static String relayedLine(String direction, InspectedEnvelope h, int answerBytes, long nanos) {
    long hundredths = Math.round(nanos / 1e4);
    long fraction = hundredths % 100;
    return "relayed "
        + direction
        + " "
        + h.senderAgency()
        + "/"
        + h.senderNode()
        + " -> "
        + h.recipientAgency()
        + "/"
        + h.recipientNode()
        + " agreement="
        + h.agreementId()
        + " purpose="
        + h.purpose()
        + " id="
        + h.messageId()
        + " bytes="
        + h.sizeBytes()
        + " answer="
        + answerBytes
        + " in "
        + hundredths / 100
        + (fraction < 10 ? ".0" : ".")
        + fraction
        + " ms";
  }

  /**
   * A refusal; when the envelope was refused before it was verified, the message id it claims is
   * logged, marked unverified, so the attempt can be traced.
   */
  public void refused(
      String direction,
      PeerIdentity peer,
      Envelope envelope,
      InspectedEnvelope h,
      Reason reason,
      String sentence) {
    LOG.warnf(
        "refused %s from %s id=%s reason=%s: %s",
        direction, peer, h != null ? h.messageId() : claimedId(envelope), reason, sentence);
    count(direction, peer.agency(), reason.name());
  }

  private static String claimedId(Envelope envelope) {
    if (envelope == null) {
      return "-";
    }
    try {
      String id = Header.parseFrom(envelope.getHeader()).getMessageId();
      return id.isEmpty() || id.length() > 64 || !id.matches("[0-9a-f]+")
          ? "-"
          : id + "(unverified)";
    } catch (InvalidProtocolBufferException e) {
      return "-";
    }
  }

  public void failed(
      String direction, PeerIdentity peer, InspectedEnvelope h, StatusRuntimeException e) {
    String reason = Refusals.reasonOf(e).map(Reason::name).orElse(e.getStatus().getCode().name());
    LOG.warnf(
        "not delivered %s from %s id=%s reason=%s: %s",
        direction, peer, h == null ? "-" : h.messageId(), reason, e.getStatus().getDescription());
    count(direction, h == null ? peer.agency() : partnerOf(direction, h), reason);
  }

  private static String partnerOf(String direction, InspectedEnvelope h) {
    return direction.equals("out") ? h.recipientAgency() : h.senderAgency();
  }

  private void count(String direction, String partner, String outcome) {
    envelopes
        .computeIfAbsent(
            new Labels(direction, partner, outcome),
            k ->
                Counter.builder("liaison.gateway.envelopes")
                    .tag("direction", direction)
                    .tag("partner", partner)
                    .tag("outcome", outcome)
                    .register(metrics))
        .increment();
  }
}
