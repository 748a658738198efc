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
import org.liaison.wire.envelope.GroupSealer;
import org.liaison.wire.envelope.OpenedEnvelope;
import org.liaison.wire.envelope.ReplayGuard;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;

/** The node's sealer and opener, built once from its keys and the agencies' public material. */
@ApplicationScoped
public class NodeEnvelopes {
  @Inject NodeKeys keys;
  @Inject org.liaison.node.config.NodeConfig config;
  @Inject AuditLog audit;

  /**
   * Most envelopes of concurrent requests under one signature (decision 0064); an envelope's audit
   * path holds six hashes at most.
   */
  private static final int MAX_SHARED_SIGNATURE = 64;

  private EnvelopeSealer sealer;
  private GroupSealer group;
  private EnvelopeOpener opener;

  @PostConstruct
  void init() {
    Clock clock = Clock.systemUTC();
    sealer = new EnvelopeSealer(keys.credentials(), keys.directory(), clock);
    sealer.auditCheckpoints(audit::latestCheckpointBytes);
    group = new GroupSealer(sealer, MAX_SHARED_SIGNATURE);
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
    // a rotated key signs from the next envelope on; the previous encryption key keeps opening
    keys.onKeyChange(
        next -> {
          sealer.signWith(next);
          try {
            opener.addKey(next);
          } catch (WireException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        });
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
   * setup is paid once per session, not per message), under a signature shared with the envelopes
   * other requests seal at the same moment (decision 0064); the envelope still verifies on its own.
   */
  public Envelope seal(SealRequest request, byte[] payload) throws WireException {
    return group.seal(request, payload);
  }

  /** Seals messages to several recipients with their sessions and one signature over them all. */
  public List<Envelope> sealAll(List<EnvelopeSealer.Outgoing> messages) throws WireException {
    return sealer.sealBatch(messages);
  }

  public EnvelopeOpener opener() {
    return opener;
  }

  /** Opens a partner's request ({@link EnvelopeOpener#open}), see {@link #afterOwnKeysRead}. */
  public OpenedEnvelope open(Envelope envelope) throws WireException {
    return afterOwnKeysRead(envelope, () -> opener.open(envelope));
  }

  /** Opens an answer ({@link EnvelopeOpener#openAnswer}), see {@link #afterOwnKeysRead}. */
  public OpenedEnvelope openAnswer(Envelope envelope, byte[] requestHash) throws WireException {
    return afterOwnKeysRead(envelope, () -> opener.openAnswer(envelope, requestHash));
  }

  private interface Opening {
    OpenedEnvelope open() throws WireException;
  }

  /**
   * A partner may read this node's new encryption certificate from the directory before this node
   * has read its own new key (both are re-read on a timer): an envelope for this node sealed to a
   * key it does not hold yet makes it read its key folder at once, and is opened again.
   */
  private OpenedEnvelope afterOwnKeysRead(Envelope envelope, Opening opening) throws WireException {
    try {
      return opening.open();
    } catch (WireException e) {
      if (e.reason() != Reason.WRONG_RECIPIENT || !forUsUnderAnotherKey(envelope)) {
        throw e;
      }
      keys.readOwnKeysNow();
      return opening.open();
    }
  }

  private boolean forUsUnderAnotherKey(Envelope envelope) {
    return EnvelopeOpener.unverifiedHeader(envelope)
        .filter(h -> h.getRecipientAgency().equals(config.agency()))
        .filter(h -> h.getRecipientNode().equals(config.node()))
        .filter(h -> !opener.keyIds().contains(h.getRecipientKeyId()))
        .isPresent();
  }
}
