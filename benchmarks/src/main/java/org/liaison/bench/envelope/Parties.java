package org.liaison.bench.envelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.liaison.pem.Pem;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.EnvelopeVerifier;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;

/**
 * Two agencies with fresh development keys (a throw-away DevPki): bench.a's node seals to bench.b's
 * node-1, bench.b's gateway verifies, bench.b's node opens.
 */
final class Parties {

  static final String SENDER = "bench.a";
  static final String RECIPIENT = "bench.b";

  final NodeCredentials sender;
  final NodeCredentials recipient;
  final TrustDirectory directory;

  /** The TLS certificate of bench.a's gateway (a partner's gateway, to bench.b). */
  final X509Certificate senderGatewayTls;

  private Parties(
      NodeCredentials sender,
      NodeCredentials recipient,
      TrustDirectory directory,
      X509Certificate senderGatewayTls) {
    this.sender = sender;
    this.recipient = recipient;
    this.directory = directory;
    this.senderGatewayTls = senderGatewayTls;
  }

  static Parties create() {
    Path work = null;
    try {
      work = Files.createTempDirectory("liaison-envelope-bench");
      DevPki pki =
          DevPki.create(
              work.resolve("pki"),
              List.of(AgencySpec.parse(SENDER), AgencySpec.parse(RECIPIENT)),
              Clock.systemUTC());
      return new Parties(
          NodeCredentials.load(pki.nodeDir(SENDER, "node-1")),
          NodeCredentials.load(pki.nodeDir(RECIPIENT, "node-1")),
          TrustDirectory.load(pki.directory()),
          Pem.readCertificate(pki.gatewayDir(SENDER).resolve("tls.crt.pem")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (work != null) {
        delete(work);
      }
    }
  }

  static SealRequest request() {
    return SealRequest.request(
        RECIPIENT,
        "node-1",
        "bench-agreement",
        "HUMAN_TRAFFICKING",
        "BENCH-1",
        "officer-1",
        "liaison.v1.QueryRequest",
        Duration.ofMinutes(5));
  }

  EnvelopeSealer sealer() {
    return new EnvelopeSealer(sender, directory, Clock.systemUTC());
  }

  EnvelopeOpener opener() {
    try {
      return EnvelopeOpener.builder(recipient, directory).build();
    } catch (WireException e) {
      throw new IllegalStateException(e);
    }
  }

  EnvelopeVerifier gateway() {
    return EnvelopeVerifier.builder(directory).recipientAgency(RECIPIENT).build();
  }

  private static void delete(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
