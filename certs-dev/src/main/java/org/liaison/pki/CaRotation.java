package org.liaison.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.liaison.pem.Pem;

/**
 * Rotates an agency's root CA with an overlap (decision 0039), in three steps that each keep every
 * exchange working:
 *
 * <ol>
 *   <li>{@link #begin}: a new CA (its own name and key), every certificate of the agency re-issued
 *       under it for the <em>same keys</em> and kept aside in {@code <pki>/ca-rotation/<agency>},
 *       and in the agency's public folder the new CA, its CRL and a rollover certificate in which
 *       the old CA certifies the new one. Partners copy that folder (distribution): their processes
 *       then trust both CAs, the new one because the CA their agreement pins vouched for it.
 *   <li>{@link #switchOver}: the re-issued certificates go into the processes' key folders (they
 *       re-read them while running, decision 0028) and the new CA becomes {@code ca.crt.pem}; the
 *       old one stays published beside it, so what it issued is still accepted.
 *   <li>{@link #withdraw}: the old CA leaves the published CAs for {@code withdrawn/}: what it
 *       issued is refused from then on ({@code CA_WITHDRAWN}); its key is destroyed.
 * </ol>
 *
 * <p>{@code <pki>/<agency>/trusted-cas.pem} holds the CAs the agency's officers' clients trust for
 * their node while this runs (both during the overlap).
 */
final class CaRotation {

  static final String STAGING = "ca-rotation";
  static final String PREVIOUS = "previous-ca";
  static final String WITHDRAWN = "withdrawn";
  static final String TRUSTED_CAS = "trusted-cas.pem";

  private final PkiLayout layout;
  private final PkiLayout staged;
  private final Clock clock;
  private final SecureRandom random;
  private final Supplier<Validity> validity;

  CaRotation(PkiLayout layout, Clock clock, SecureRandom random, Supplier<Validity> validity) {
    this.layout = layout;
    this.staged = new PkiLayout(layout.root().resolve(STAGING));
    this.clock = clock;
    this.random = random;
    this.validity = validity;
  }

  /** The first 16 hex digits of a CA's fingerprint: its files' label in the directory. */
  static String label(X509Certificate ca) {
    return PkiFiles.fingerprint(ca).substring(0, 16);
  }

  /** Step 1. Returns the new CA's certificate. */
  X509Certificate begin(CertificateAuthority current) {
    String agency = current.agency();
    if (Files.exists(staged.agencyDir(agency))) {
      throw new PkiException(
          PkiException.Kind.ALREADY_EXISTS,
          "a CA rotation of "
              + agency
              + " is under way ("
              + staged.agencyDir(agency)
              + "): finish it with rotate --ca --switch");
    }
    if (Files.exists(layout.agencyDir(agency).resolve(PREVIOUS))) {
      throw new PkiException(
          PkiException.Kind.ALREADY_EXISTS,
          "the previous CA of " + agency + " is still trusted: rotate --ca --withdraw it first");
    }
    Instant now = clock.instant();
    CertificateAuthority next =
        CertificateAuthority.create(
            agency, Profile.successorCaSubject(agency, now), now, validity.get().ca(), random);
    PkiFiles.folder(
        staged.agencyDir(agency),
        "the successor CA of "
            + agency
            + " and every certificate of the agency re-issued under it, waiting for"
            + " rotate --ca --switch.");
    next.save(staged);
    reissueAll(next, now);
    X509Certificate rollover = current.certifySuccessor(next.certificate(), now);
    current.saveState(layout);
    byte[] crl = Pem.encode(next.crl(now));
    next.saveState(staged);
    PkiFiles.writePublic(staged.caCrl(agency), crl);
    Path published = layout.directoryAgencyDir(agency);
    String label = label(next.certificate());
    PkiFiles.writePublic(published.resolve("ca-" + label + ".crl.pem"), crl);
    PkiFiles.writePublic(published.resolve("rollover-" + label + ".crt.pem"), Pem.encode(rollover));
    PkiFiles.writePublic(
        published.resolve("ca-" + label + ".crt.pem"), Pem.encode(next.certificate()));
    writeTrustedCas(agency, List.of(current.certificate(), next.certificate()));
    return next.certificate();
  }

  /** Step 3. Returns the new current CA's certificate. */
  X509Certificate switchOver(CertificateAuthority current) {
    String agency = current.agency();
    Path from = staged.agencyDir(agency);
    if (!Files.isRegularFile(staged.caState(agency))) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_ENTITY,
          "no CA rotation of " + agency + " is under way: start one with rotate --ca");
    }
    CertificateAuthority next = CertificateAuthority.load(staged, agency, random);
    List<Path> leaves = stagedLeaves(from);
    for (Path leaf : leaves) {
      Path live = layout.agencyDir(agency).resolve(from.relativize(leaf));
      if (leaf.getFileName().toString().endsWith(".p12")) {
        continue;
      }
      if (!Files.exists(live)
          || !PkiFiles.readCertificate(live)
              .getPublicKey()
              .equals(PkiFiles.readCertificate(leaf).getPublicKey())) {
        throw new PkiException(
            PkiException.Kind.UNKNOWN_ENTITY,
            live
                + " no longer holds the key its certificate was re-issued for (rotated or removed"
                + " since rotate --ca); delete "
                + from
                + " and start again with rotate --ca");
      }
    }
    Instant now = clock.instant();
    Path published = layout.directoryAgencyDir(agency);
    // both CAs stay published at every moment: the old one under its label first, then the new
    // one as the current CA, then the new one's label goes
    String oldLabel = label(current.certificate());
    PkiFiles.writePublic(
        published.resolve("ca-" + oldLabel + ".crl.pem"), Pem.encode(current.crl(now)));
    PkiFiles.writePublic(
        published.resolve("ca-" + oldLabel + ".crt.pem"), Pem.encode(current.certificate()));
    byte[] nextCrl = Pem.encode(next.crl(now));
    PkiFiles.writePublic(published.resolve(PkiLayout.CA_CRL), nextCrl);
    PkiFiles.writePublic(published.resolve(PkiLayout.CA_CERT), Pem.encode(next.certificate()));
    String newLabel = label(next.certificate());
    delete(published.resolve("ca-" + newLabel + ".crt.pem"));
    delete(published.resolve("ca-" + newLabel + ".crl.pem"));

    Path agencyDir = layout.agencyDir(agency);
    Path previous =
        PkiFiles.folder(
            agencyDir.resolve(PREVIOUS),
            "the CA of " + agency + " before the rotation, trusted until rotate --ca --withdraw.");
    current.saveState(layout);
    for (String f :
        List.of(PkiLayout.CA_CERT, PkiLayout.CA_KEY, PkiLayout.CA_STATE, PkiLayout.CA_CRL)) {
      copy(agencyDir.resolve(f), previous.resolve(f));
    }
    next.save(layout);
    PkiFiles.writePublic(layout.caCrl(agency), nextCrl);

    for (Path leaf : leaves) {
      Path relative = from.relativize(leaf);
      copy(leaf, agencyDir.resolve(relative));
      publish(agency, relative, leaf);
    }
    PkiFiles.deleteTree(from);
    return next.certificate();
  }

  /** Step 4. Returns the withdrawn CA's certificate. */
  X509Certificate withdraw(String agency) {
    Path agencyDir = layout.agencyDir(agency);
    Path previous = agencyDir.resolve(PREVIOUS);
    if (Files.exists(staged.agencyDir(agency))) {
      throw new PkiException(
          PkiException.Kind.ALREADY_EXISTS,
          "the agency's processes still use the old CA's certificates: rotate --ca --switch first");
    }
    if (!Files.isRegularFile(previous.resolve(PkiLayout.CA_CERT))) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_ENTITY,
          "agency " + agency + " has no previous CA to withdraw (rotate --ca, then --switch)");
    }
    X509Certificate old = PkiFiles.readCertificate(previous.resolve(PkiLayout.CA_CERT));
    String label = label(old);
    Path published = layout.directoryAgencyDir(agency);
    Path withdrawn =
        PkiFiles.folder(
            published.resolve(WITHDRAWN),
            "CAs " + agency + " withdrew: what they issued is refused (CA_WITHDRAWN).");
    PkiFiles.writePublic(withdrawn.resolve(label + ".crt.pem"), Pem.encode(old));
    delete(published.resolve("ca-" + label + ".crt.pem"));
    delete(published.resolve("ca-" + label + ".crl.pem"));
    delete(previous.resolve(PkiLayout.CA_KEY)); // a withdrawn CA never signs again
    Path kept = agencyDir.resolve("withdrawn-ca").resolve(label);
    try {
      Files.createDirectories(kept.getParent());
      Files.move(previous, kept);
    } catch (IOException e) {
      throw PkiFiles.ioFailure("cannot move " + previous + " to " + kept, e);
    }
    writeTrustedCas(agency, List.of(PkiFiles.readCertificate(layout.caCert(agency))));
    return old;
  }

  private void reissueAll(CertificateAuthority next, Instant now) {
    String agency = next.agency();
    reissue(
        next,
        Profile.AGENCY_SIGNING,
        Profile.AGREEMENTS_NAME,
        layout.agencySigningDir(agency),
        PkiLayout.SIGNING_CERT,
        now);
    reissue(
        next,
        Profile.GATEWAY_TLS,
        Profile.GATEWAY_NAME,
        layout.gatewayDir(agency),
        PkiLayout.TLS_CERT,
        now);
    for (String node : DevPki.subfolders(layout.nodesDir(agency))) {
      Path dir = layout.nodeDir(agency, node);
      reissue(next, Profile.NODE_TLS, node, dir, PkiLayout.TLS_CERT, now);
      reissue(next, Profile.NODE_SIGNING, node, dir, PkiLayout.SIGNING_CERT, now);
      reissue(next, Profile.NODE_ENCRYPTION, node, dir, PkiLayout.ENCRYPTION_CERT, now);
    }
    for (String officer : DevPki.subfolders(layout.officersDir(agency))) {
      Path dir = layout.officerDir(agency, officer);
      X509Certificate cert =
          reissue(next, Profile.OFFICER_TLS, officer, dir, PkiLayout.TLS_CERT, now);
      if (cert != null) {
        PrivateKey key = PkiFiles.readPrivateKey(dir.resolve(PkiLayout.TLS_KEY));
        PkiFiles.writeSecret(
            stagedFile(agency, dir.resolve(PkiLayout.TLS_P12)),
            LeafIssuer.pkcs12(
                officer, new KeyPair(cert.getPublicKey(), key), cert, next.certificate()));
      }
    }
  }

  /** The certificate in {@code dir/certFile} issued again by {@code next} for the same key. */
  private X509Certificate reissue(
      CertificateAuthority next,
      Profile profile,
      String name,
      Path dir,
      String certFile,
      Instant now) {
    Path live = dir.resolve(certFile);
    if (!Files.isRegularFile(live)) {
      return null;
    }
    X509Certificate cert =
        next.issue(
            profile,
            name,
            PkiFiles.readCertificate(live).getPublicKey(),
            now,
            validity.get().leaf(),
            layout.inAgency(next.agency(), live));
    PkiFiles.writePublic(stagedFile(next.agency(), live), Pem.encode(cert));
    return cert;
  }

  private Path stagedFile(String agency, Path live) {
    return staged.agencyDir(agency).resolve(layout.agencyDir(agency).relativize(live));
  }

  /** The public copies of re-issued certificates: node signing and encryption, agency signing. */
  private void publish(String agency, Path relative, Path leaf) {
    String rel = relative.toString().replace('\\', '/');
    if (rel.startsWith("nodes/")
        && (rel.endsWith("/" + PkiLayout.SIGNING_CERT)
            || rel.endsWith("/" + PkiLayout.ENCRYPTION_CERT))) {
      Path target = layout.directoryAgencyDir(agency).resolve(rel);
      copy(leaf, target);
    } else if (rel.equals("agency/" + PkiLayout.SIGNING_CERT)) {
      copy(leaf, layout.directoryAgencyDir(agency).resolve(PkiLayout.AGENCY_SIGNING_CERT));
    }
  }

  private static List<Path> stagedLeaves(Path from) {
    try (Stream<Path> files = Files.walk(from)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getParent() != null && !f.getParent().equals(from))
          .filter(f -> f.getFileName().toString().endsWith(".crt.pem"))
          .sorted()
          .toList()
          .stream()
          .flatMap(f -> withP12(f).stream())
          .toList();
    } catch (IOException e) {
      throw PkiFiles.ioFailure("cannot list " + from, e);
    }
  }

  private static List<Path> withP12(Path cert) {
    List<Path> out = new ArrayList<>(List.of(cert));
    Path p12 = cert.resolveSibling(PkiLayout.TLS_P12);
    if (cert.getFileName().toString().equals(PkiLayout.TLS_CERT) && Files.exists(p12)) {
      out.add(p12);
    }
    return out;
  }

  private void writeTrustedCas(String agency, List<X509Certificate> cas) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate ca : cas) {
      pem.append(new String(Pem.encode(ca), java.nio.charset.StandardCharsets.US_ASCII));
    }
    PkiFiles.writePublic(
        layout.agencyDir(agency).resolve(TRUSTED_CAS),
        pem.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static void copy(Path from, Path to) {
    try {
      byte[] content = Files.readAllBytes(from);
      if (to.getFileName().toString().contains(".key.")
          || to.getFileName().toString().endsWith(".p12")) {
        PkiFiles.writeSecret(to, content);
      } else {
        PkiFiles.writePublic(to, content);
      }
    } catch (IOException e) {
      throw PkiFiles.ioFailure("cannot copy " + from + " to " + to, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw PkiFiles.ioFailure("cannot delete " + file, e);
    }
  }
}
