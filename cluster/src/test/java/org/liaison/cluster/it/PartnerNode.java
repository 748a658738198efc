package org.liaison.cluster.it;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.liaison.cluster.Federation;
import org.liaison.pki.PkiLayout;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.Envelopes;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.transport.Channels;
import org.liaison.wire.transport.MutualTls;
import org.liaison.wire.transport.TlsIdentity;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;

/**
 * A partner node that lies: the test holds that agency's real node keys and sends, through that
 * agency's real gateway, messages its honest node would never write (a deadline of its own
 * choosing, an answer to a consent it was not asked for). Every check on the wire passes; only what
 * the attacked node knows can refuse it.
 */
final class PartnerNode implements AutoCloseable {
  private final EnvelopeSealer sealer;
  private final EnvelopeOpener opener;
  private final ManagedChannel gateway;

  PartnerNode(Federation f, String agency) throws Exception {
    PkiLayout pki = new PkiLayout(f.node(agency).pkiRoot());
    Clock clock = Clock.systemUTC();
    NodeCredentials self = NodeCredentials.load(pki.nodeDir(agency, "node-1"));
    TrustDirectory directory = TrustDirectory.load(pki.directory());
    sealer = new EnvelopeSealer(self, directory, clock);
    opener = EnvelopeOpener.builder(self, directory).clock(clock).build();
    String ca = directory.caFingerprint(agency).orElseThrow();
    gateway =
        Channels.mutualTls(
            f.gateway(agency).nodeAddress(),
            MutualTls.client(
                TlsIdentity.fromFolder(pki.nodeDir(agency, "node-1")),
                AgencyTrustManager.create(
                    directory, () -> Map.of(agency, ca), CertificateRole.GATEWAY_TLS, clock)),
            4 << 20);
  }

  /** Seals the payload to the partner's node-1, relays it, and returns the opened answer. */
  <T extends Message> T send(
      String to, String agreement, String purpose, String caseRef, Message payload, T answerType)
      throws Exception {
    Envelope request =
        sealer.seal(
            SealRequest.request(
                to,
                "node-1",
                agreement,
                purpose,
                caseRef,
                "officer-1",
                payload.getDescriptorForType().getFullName(),
                Duration.ofSeconds(30)),
            payload.toByteArray());
    Envelope answer =
        GatewayRelayGrpc.newBlockingStub(gateway)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .relay(request);
    byte[] payloadBytes = opener.openAnswer(answer, Envelopes.signedContentHash(request)).payload();
    @SuppressWarnings("unchecked")
    T parsed = (T) answerType.getParserForType().parseFrom(payloadBytes);
    return parsed;
  }

  @Override
  public void close() {
    gateway.shutdownNow();
  }
}
