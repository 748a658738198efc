package org.liaison.cluster.it;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.liaison.cluster.Federation;
import org.liaison.pem.Pem;
import org.liaison.pki.PkiLayout;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.transport.Channels;
import org.liaison.wire.transport.MutualTls;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.transport.TlsIdentity;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.Reason;

/**
 * Someone who stole one agency's private material from the development PKI of a running federation
 * and uses it against a partner: seals envelopes with any key of that agency and sends them over
 * the agency's own gateway TLS identity to the partner's gateway, as the agency's gateway could.
 */
final class Attacker {
  static final String AGREEMENT = "dea-ice-xdes-2009";
  static final String PURPOSE = "DRUG_TRAFFICKING";

  private final Federation f;
  private final PkiLayout pki;
  private final String agency;

  Attacker(Federation f, String agency) {
    this.f = f;
    this.pki = new PkiLayout(f.pkiDir());
    this.agency = agency;
  }

  PkiLayout pki() {
    return pki;
  }

  /** The folder of a key pair of the agency: {@code gateway}, {@code officer-1}, {@code node-1}. */
  Path keyFolder(String who) {
    return switch (who) {
      case "gateway" -> pki.gatewayDir(agency);
      case "node-1" -> pki.nodeDir(agency, "node-1");
      default -> pki.officerDir(agency, who);
    };
  }

  /**
   * A query to {@code victim}'s node-1, signed with the given key and certificate of the agency.
   */
  Envelope query(String victim, Path certificate, Path key) throws Exception {
    TrustDirectory directory = TrustDirectory.load(pki.directory());
    Path node = pki.nodeDir(agency, "node-1");
    NodeCredentials signer =
        NodeCredentials.of(
            agency,
            "node-1",
            Pem.readPrivateKey(key),
            Pem.readCertificate(certificate),
            Pem.readPrivateKey(node.resolve(PkiLayout.ENCRYPTION_KEY)),
            Pem.readCertificate(node.resolve(PkiLayout.ENCRYPTION_CERT)),
            null,
            null);
    return new EnvelopeSealer(signer, directory, Clock.systemUTC())
        .seal(
            SealRequest.request(
                victim,
                "node-1",
                AGREEMENT,
                PURPOSE,
                "DEA-ATTACK-0001",
                "officer-1",
                "liaison.v1.QueryRequest",
                Duration.ofMinutes(5)),
            QueryRequest.getDefaultInstance().toByteArray());
  }

  /** A query signed with the key in {@code folder} ({@code tls.*} or {@code signing.*}). */
  Envelope querySignedBy(String victim, String who) throws Exception {
    Path folder = keyFolder(who);
    boolean signing = Files.exists(folder.resolve(PkiLayout.SIGNING_KEY));
    return query(
        victim,
        folder.resolve(signing ? PkiLayout.SIGNING_CERT : PkiLayout.TLS_CERT),
        folder.resolve(signing ? PkiLayout.SIGNING_KEY : PkiLayout.TLS_KEY));
  }

  /** Sends to the victim's partner listener as this agency's gateway; the answer, if any. */
  Envelope sendAsGateway(String victim, Envelope e) throws IOException {
    TrustDirectory directory = TrustDirectory.load(pki.directory());
    String ca = directory.caFingerprint(victim).orElseThrow();
    AgencyTrustManager victimGateway =
        AgencyTrustManager.create(
            directory, () -> Map.of(victim, ca), CertificateRole.GATEWAY_TLS, Clock.systemUTC());
    ManagedChannel ch =
        Channels.mutualTls(
            f.gateway(victim).partnerAddress(),
            MutualTls.client(TlsIdentity.fromFolder(pki.gatewayDir(agency)), victimGateway),
            4 << 20);
    try {
      return GatewayRelayGrpc.newBlockingStub(ch)
          .withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS)
          .relay(e);
    } finally {
      ch.shutdownNow();
    }
  }

  /** The reason of a refusal, or empty when the envelope went through. */
  Optional<Reason> refusalOf(String victim, Envelope e) throws IOException {
    try {
      sendAsGateway(victim, e);
      return Optional.empty();
    } catch (StatusRuntimeException refused) {
      return Optional.of(Refusals.reasonOf(refused).orElse(Reason.REASON_UNSPECIFIED));
    }
  }

  static X509Certificate certificate(Path file) throws IOException {
    return Pem.readCertificate(file);
  }

  static PrivateKey key(Path file) throws IOException {
    return Pem.readPrivateKey(file);
  }
}
