package org.liaison.node.federation;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.ReplayGuard;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.v1.Envelope;

/** The node's sealer and opener, built once from its keys and the agencies' public material. */
@ApplicationScoped
public class NodeEnvelopes {
  @Inject NodeKeys keys;
  @Inject org.liaison.node.config.NodeConfig config;
  @Inject AuditLog audit;

  private EnvelopeSealer sealer;
  private EnvelopeOpener opener;

  @PostConstruct
  void init() {
    Clock clock = Clock.systemUTC();
    sealer = new EnvelopeSealer(keys.credentials(), keys.directory(), clock);
    sealer.auditCheckpoints(audit::latestCheckpointBytes);
    try {
      opener =
          EnvelopeOpener.builder(keys.credentials(), keys.directory())
              .clock(clock)
              .replayGuard(ReplayGuard.durable(replayJournal(), clock))
              .build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot open the replay journal " + replayJournal() + ": " + e.getMessage(), e);
    } catch (WireException e) {
      throw new IllegalStateException("cannot build the envelope opener: " + e.getMessage(), e);
    }
  }

  /** The accepted message ids, kept across restarts so a replay stays refused (decision 0012). */
  private java.nio.file.Path replayJournal() {
    return config.dataDir().resolve("replay-ids.log");
  }

  public EnvelopeSealer sealer() {
    return sealer;
  }

  /**
   * Seals one message in the session this node keeps with the recipient (decision 0001: the HPKE
   * setup is paid once per session, not per message; the envelope still verifies on its own).
   */
  public Envelope seal(SealRequest request, byte[] payload) throws WireException {
    return sealer.sealBatch(List.of(new EnvelopeSealer.Outgoing(request, payload))).get(0);
  }

  /** Seals messages to several recipients with their sessions and one signature over them all. */
  public List<Envelope> sealAll(List<EnvelopeSealer.Outgoing> messages) throws WireException {
    return sealer.sealBatch(messages);
  }

  public EnvelopeOpener opener() {
    return opener;
  }
}
