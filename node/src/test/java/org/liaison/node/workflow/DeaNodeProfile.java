package org.liaison.node.workflow;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.liaison.agreements.AgreementException;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;

/**
 * The node as us.dea with the signed reference agreements of a fresh development PKI, so partner
 * requests are checked against real agreements (dea-ice-xdes-2009, ...).
 */
public class DeaNodeProfile implements QuarkusTestProfile {
  static final Path ROOT = Path.of("target", "workflow-test-federation").toAbsolutePath();
  private static Map<String, String> overrides;

  @Override
  public synchronized Map<String, String> getConfigOverrides() {
    if (overrides == null) {
      DevPki pki = freshPki();
      Path agreements = ROOT.resolve("agreements");
      try {
        ReferenceAgreements.write(pki.root(), agreements, LocalDate.now(Clock.systemUTC()));
      } catch (AgreementException e) {
        throw new IllegalStateException(e);
      }
      overrides =
          Map.of(
              "liaison.agency",
              "us.dea",
              "liaison.agreements.dir",
              agreements.toString(),
              "liaison.directory.dir",
              pki.directory().toString(),
              "liaison.workflow.auto-consent-request",
              "true");
    }
    return overrides;
  }

  private static DevPki freshPki() {
    if (Files.exists(ROOT)) {
      try (Stream<Path> files = Files.walk(ROOT)) {
        for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(f);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return DevPki.create(
        ROOT.resolve("pki"),
        Stream.of("us.dea", "us.ice", "us.cbp", "us.ioc2").map(AgencySpec::withDefaults).toList(),
        Clock.systemUTC());
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of();
  }
}
