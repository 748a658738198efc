package org.liaison.node.federation;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.WireException;

/** The node's sealer and opener, built once from its keys and the agencies' public material. */
@ApplicationScoped
public class NodeEnvelopes {
  @Inject NodeKeys keys;
  @Inject AuditLog audit;

  private EnvelopeSealer sealer;
  private EnvelopeOpener opener;

  @PostConstruct
  void init() {
    Clock clock = Clock.systemUTC();
    sealer = new EnvelopeSealer(keys.credentials(), keys.directory(), clock);
    sealer.auditCheckpoints(audit::latestCheckpointBytes);
    try {
      opener = EnvelopeOpener.builder(keys.credentials(), keys.directory()).clock(clock).build();
    } catch (WireException e) {
      throw new IllegalStateException("cannot build the envelope opener: " + e.getMessage(), e);
    }
  }

  public EnvelopeSealer sealer() {
    return sealer;
  }

  public EnvelopeOpener opener() {
    return opener;
  }
}
