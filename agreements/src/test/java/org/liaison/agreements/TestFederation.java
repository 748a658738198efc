package org.liaison.agreements;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;

/**
 * One development PKI of the ten reference agencies per test JVM (made with certs-dev), plus a
 * rogue one.
 */
public final class TestFederation {
  private static Path pki;
  private static Path roguePki;

  private TestFederation() {}

  /** The PKI root of the reference federation. */
  public static synchronized Path pki() {
    if (pki == null) {
      pki = create("liaison-pki", DevPki.referenceFederation());
    }
    return pki;
  }

  /**
   * A second PKI in which ru.skr and us.ice have different CAs: certificates not under the named
   * CA.
   */
  public static synchronized Path roguePki() {
    if (roguePki == null) {
      roguePki =
          create(
              "liaison-rogue-pki",
              java.util.List.of(
                  AgencySpec.withDefaults("ru.skr"), AgencySpec.withDefaults("us.ice")));
    }
    return roguePki;
  }

  public static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /** A fresh folder with the seven reference agreements, signed. */
  public static Path freshAgreements() {
    try {
      Path dir = Files.createTempDirectory("liaison-agreements");
      ReferenceAgreements.write(pki(), dir, today());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (AgreementException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static Path create(String prefix, java.util.List<AgencySpec> agencies) {
    try {
      Path root = Files.createTempDirectory(prefix);
      DevPki.create(root, agencies, Clock.systemUTC());
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
