package org.liaison.gateway.relay;

import org.liaison.wire.v1.Envelope;

/**
 * Verifies an envelope without opening it: version, suite, time, replay, signature, and that the
 * signer belongs to the agency named in the header.
 */
public interface EnvelopeInspector {
  InspectedEnvelope inspect(Envelope envelope) throws RelayRefusal;
}
