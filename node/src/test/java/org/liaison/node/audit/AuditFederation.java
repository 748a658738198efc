package org.liaison.node.audit;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;

/**
 * A node of us.ice with real keys and signed agreements (cbp-ice-2005, dea-ice-xdes-2009), and
 * sealers for its partners us.cbp and us.dea, so tests can deliver real envelopes to it.
 */
public class AuditFederation implements QuarkusTestProfile {
  static final Path ROOT = Path.of("target/audit-federation").toAbsolutePath();
  static final Path PKI = ROOT.resolve("pki");
  static final Path AGREEMENTS = ROOT.resolve("agreements");

  @Override
  public Map<String, String> getConfigOverrides() {
    prepare();
    return Map.of(
        "liaison.agency", "us.ice",
        "liaison.pki.dir", PKI.resolve("us.ice/nodes/node-1").toString(),
        "liaison.directory.dir", PKI.resolve("directory").toString(),
        "liaison.agreements.dir", AGREEMENTS.toString());
  }

  static synchronized void prepare() {
    if (Files.exists(AGREEMENTS.resolve("cbp-ice-2005.yaml"))) {
      return;
    }
    try {
      if (Files.exists(ROOT)) {
        try (Stream<Path> s = Files.walk(ROOT)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      DevPki pki =
          DevPki.create(
              PKI,
              List.of("us.ice", "us.cbp", "us.dea").stream().map(AgencySpec::withDefaults).toList(),
              Clock.systemUTC());
      ReferenceAgreements.write(pki.root(), AGREEMENTS, LocalDate.now());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot prepare the audit test federation", e);
    }
  }

  static NodeCredentials partner(String agency) throws IOException {
    return NodeCredentials.load(PKI.resolve(agency).resolve("nodes/node-1"));
  }

  static TrustDirectory directory() throws IOException {
    return TrustDirectory.load(PKI.resolve("directory"));
  }

  static EnvelopeSealer sealer(String agency) throws IOException {
    return new EnvelopeSealer(partner(agency), directory(), Clock.systemUTC());
  }

  static String agreementWith(String agency) {
    return agency.equals("us.cbp") ? "cbp-ice-2005" : "dea-ice-xdes-2009";
  }

  static SealRequest requestTo(String from, String contentType, String purpose) {
    return SealRequest.request(
        "us.ice",
        "node-1",
        agreementWith(from),
        purpose,
        "CASE-" + from,
        "officer-1",
        contentType,
        Duration.ofMinutes(1));
  }
}
