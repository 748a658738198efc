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
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.v1.Envelope;

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
