package org.liaison.gateway.trust;

import io.grpc.Status;
import java.time.Clock;
import org.liaison.gateway.relay.EnvelopeInspector;
import org.liaison.gateway.relay.InspectedEnvelope;
import org.liaison.gateway.relay.RelayRefusal;
import org.liaison.wire.envelope.EnvelopeVerifier;
import org.liaison.wire.envelope.ReplayGuard;
import org.liaison.wire.envelope.VerifiedEnvelope;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;

/** Every check the wire library can make without a decryption key, as the gateway's gate. */
public final class SignedEnvelopeInspector implements EnvelopeInspector {
  private final EnvelopeVerifier verifier;

  public SignedEnvelopeInspector(TrustDirectory directory, Clock clock) {
    this(directory, clock, ReplayGuard.defaults(clock));
  }

  /** With the given replay guard (a durable one keeps replays refused across restarts). */
  public SignedEnvelopeInspector(TrustDirectory directory, Clock clock, ReplayGuard replay) {
    this.verifier = EnvelopeVerifier.builder(directory).clock(clock).replayGuard(replay).build();
  }

  @Override
  public InspectedEnvelope inspect(Envelope envelope) throws RelayRefusal {
    try {
      VerifiedEnvelope v = verifier.verify(envelope);
      Header h = v.header();
      return new InspectedEnvelope(
          h.getSenderAgency(),
          h.getSenderNode(),
          h.getRecipientAgency(),
          h.getRecipientNode(),
          h.getAgreementId(),
          h.getPurpose(),
          h.getMessageId(),
          h.getExpiresAtMs(),
          envelope.getSerializedSize());
    } catch (WireException e) {
      throw new RelayRefusal(Status.Code.PERMISSION_DENIED, e.reason(), e.getMessage());
    }
  }
}
