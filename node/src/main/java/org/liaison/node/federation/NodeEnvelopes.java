package org.liaison.node.federation;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.ReplayGuard;
import org.liaison.wire.envelope.WireException;

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

  public EnvelopeOpener opener() {
    return opener;
  }
}
