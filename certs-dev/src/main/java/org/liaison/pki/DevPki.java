package org.liaison.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.liaison.pem.Pem;

/**
 * The development PKI of a federation: one root CA per agency, and the node, gateway, officer and
 * agency-signing certificates it issues, laid out as docs/architecture.md fixes ("PKI directory
 * layout"). DEVELOPMENT ONLY: keys are unencrypted.
 *
 * <pre>{@code
 * DevPki pki = DevPki.create(dir, DevPki.referenceFederation(), Clock.systemUTC());
 * Path nodeMaterial = pki.nodeDir("us.ice", "node-1");   // liaison.pki.dir of ICE's node
 * pki.revoke("us.ice", pki.nodeDir("us.ice", "node-1").resolve("tls.crt.pem"), RevocationReason.KEY_COMPROMISE);
 * }</pre>
 */
public final class DevPki {

  private final PkiLayout layout;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, CertificateAuthority> authorities = new HashMap<>();
  private Validity validity;
  private final LeafIssuer issuer;
  private final CaRotation caRotation;

  private DevPki(Path root, Clock clock, Validity validity) {
    this.layout = new PkiLayout(root);
    this.clock = clock;
    this.validity = validity;
    this.issuer = new LeafIssuer(layout, clock, random, () -> this.validity);
    this.caRotation = new CaRotation(layout, clock, random, () -> this.validity);
  }

  /**
   * The ten agencies of the reference federation, each with {@code node-1} and {@code officer-1}.
   */
  public static List<AgencySpec> referenceFederation() {
    return AgencySpec.referenceAgencyIds().stream().map(AgencySpec::withDefaults).toList();
  }

  /** A fresh PKI with default validity; refuses when {@code root} already holds a PKI. */
  public static DevPki create(Path root, List<AgencySpec> agencies, Clock clock) {
    return create(root, agencies, clock, Validity.DEFAULT, false);
  }

  /**
   * A fresh PKI.
   *
   * @param overwrite when {@code root} already holds a PKI: false refuses, true deletes the PKI
   *     material found there (directory/, agency folders with a CA, README.txt) and nothing else
   */
  public static DevPki create(
      Path root, List<AgencySpec> agencies, Clock clock, Validity validity, boolean overwrite) {
    if (agencies.isEmpty()) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_AGENCY, "name at least one agency to create");
    }
    requireDistinct(agencies);
    DevPki pki = new DevPki(root, clock, validity);
    List<Path> existing = pki.existingPkiMaterial(agencies);
    if (!existing.isEmpty()) {
      if (!overwrite) {
        throw new PkiException(
            PkiException.Kind.ALREADY_EXISTS,
            pki.layout.root()
                + " already holds a PKI ("
                + existing.get(0).getFileName()
                + "); use --force to replace it, or add-agency to extend it");
      }
      existing.forEach(PkiFiles::deleteTree);
    }
    PkiFiles.folder(
        pki.layout.root(),
        "a Liaison development PKI. directory/ is the public material every"
            + " agency shares; each <agency>/ folder is private to that agency.");
    PkiFiles.folder(
        pki.layout.directory(),
        "public material of every agency: CA certificate, CRL,"
            + " agreements signing certificate, node signing and encryption certificates.");
    for (AgencySpec spec : agencies) {
      pki.addAgency(spec);
    }
    return pki;
  }

  /** Opens an existing PKI made by {@link #create}. */
  public static DevPki open(Path root) {
    return open(root, Clock.systemUTC());
  }

  public static DevPki open(Path root, Clock clock) {
    DevPki pki = new DevPki(root, clock, Validity.DEFAULT);
    if (!Files.isDirectory(pki.layout.directory())) {
      throw new PkiException(
          PkiException.Kind.NOT_A_PKI,
          pki.layout.root()
              + " is not a development PKI (no directory/ folder); make one with init");
    }
    return pki;
  }

  /** Sets the validity of the certificates issued from now on (tests: expired, not yet valid). */
  public DevPki validity(Validity validity) {
    this.validity = validity;
    return this;
  }

  public Validity validity() {
    return validity;
  }

  /**
   * Creates the agency's CA, CRL, agency signing, gateway, nodes and officers, and its directory
   * entry.
   */
  public void addAgency(AgencySpec spec) {
    String agency = spec.agency();
    if (Files.exists(layout.agencyDir(agency)) || Files.exists(layout.directoryAgencyDir(agency))) {
      throw new PkiException(
          PkiException.Kind.ALREADY_EXISTS,
          "agency "
              + agency
              + " already exists in "
              + layout.root()
              + "; use add-node or add-officer to extend it, or rotate to renew a node");
    }
    CertificateAuthority ca =
        CertificateAuthority.create(agency, clock.instant(), validity.ca(), random);
    PkiFiles.folder(
        layout.agencyDir(agency),
        "private material of "
            + agency
            + ": its root CA (key, certificate, CRL, state) and every key of its processes.");
    ca.save(layout);
    authorities.put(agency, ca);

    Path signingDir =
        PkiFiles.folder(
            layout.agencySigningDir(agency),
            "the agency signing key of " + agency + ": it signs agreements (MOUs).");
    X509Certificate agencySigning =
        issuer.leaf(
            ca,
            Profile.AGENCY_SIGNING,
            Profile.AGREEMENTS_NAME,
            signingDir,
            PkiLayout.SIGNING_CERT,
            PkiLayout.SIGNING_KEY);
    PkiFiles.folder(
        layout.gatewayDir(agency),
        "TLS key and certificate of the gateway of "
            + agency
            + " (liaison.pki.dir of the gateway).");
    issuer.leaf(
        ca,
        Profile.GATEWAY_TLS,
        Profile.GATEWAY_NAME,
        layout.gatewayDir(agency),
        PkiLayout.TLS_CERT,
        PkiLayout.TLS_KEY);

    Path publicDir =
        PkiFiles.folder(
            layout.directoryAgencyDir(agency),
            "public material of "
                + agency
                + ": root CA certificate, CRL, agreements signing certificate, nodes.");
    PkiFiles.writePublic(publicDir.resolve(PkiLayout.CA_CERT), Pem.encode(ca.certificate()));
    PkiFiles.writePublic(
        publicDir.resolve(PkiLayout.AGENCY_SIGNING_CERT), Pem.encode(agencySigning));
    PkiFiles.folder(layout.nodesDir(agency), "one folder per node of " + agency + ".");
    PkiFiles.folder(layout.officersDir(agency), "one folder per officer of " + agency + ".");
    PkiFiles.folder(
        publicDir.resolve("nodes"),
        "one folder per node of "
            + agency
            + " with its public signing and encryption certificates.");
    for (String node : spec.nodes()) {
      issuer.node(ca, node);
    }
    for (String officer : spec.officers()) {
      issuer.officer(ca, officer);
    }
    ca.saveState(layout);
    writeCrl(ca);
  }

  /** Issues TLS, signing and encryption keys and certificates for a new node. */
  public void addNode(String agency, String node) {
    addLeaf(
        agency, "node", node, layout::nodeDir, "; use rotate to give it new keys", issuer::node);
  }

  /** Issues an officer's client TLS key, certificate and PKCS#12. */
  public void addOfficer(String agency, String officer) {
    addLeaf(agency, "officer", officer, layout::officerDir, "", issuer::officer);
  }

  /** A new node or officer of an existing agency: refused where its folder already exists. */
  private void addLeaf(
      String agency,
      String kind,
      String name,
      BiFunction<String, String, Path> folder,
      String ifExists,
      BiConsumer<CertificateAuthority, String> issue) {
    AgencySpec.requireName(name, kind);
    CertificateAuthority ca = authority(agency);
    if (Files.exists(folder.apply(agency, name))) {
      throw new PkiException(
          PkiException.Kind.ALREADY_EXISTS,
          kind + " " + name + " of " + agency + " already exists" + ifExists);
    }
    issue.accept(ca, name);
    ca.saveState(layout);
  }

  /**
   * New signing, encryption and TLS keys and certificates for the node; the old certificates are
   * revoked (superseded), the CRL re-issued and directory/ updated.
   */
  public void rotateNode(String agency, String node) {
    rotateNode(agency, node, true);
  }

  /**
   * New signing, encryption and TLS keys and certificates for the node. With {@code revokePrevious}
   * false the old certificates stay valid (an overlap for rotation with no downtime: the running
   * node and its partners take in the new ones within their reload interval while messages under
   * the old ones are still accepted); {@link #retirePrevious} revokes them afterwards (decision
   * 0028).
   */
  public void rotateNode(String agency, String node, boolean revokePrevious) {
    CertificateAuthority ca = authority(agency);
    Path dir = layout.nodeDir(agency, node);
    if (!Files.isDirectory(dir)) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_ENTITY,
          "agency " + agency + " has no node " + node + "; nodes: " + nodes(agency));
    }
    Instant now = clock.instant();
    if (revokePrevious) {
      for (String certFile :
          List.of(PkiLayout.TLS_CERT, PkiLayout.SIGNING_CERT, PkiLayout.ENCRYPTION_CERT)) {
        Path file = dir.resolve(certFile);
        if (Files.exists(file)) {
          BigInteger serial = PkiFiles.readCertificate(file).getSerialNumber();
          IssuedCertificate old = ca.state().get(serial);
          if (old != null && !old.revoked()) {
            ca.revoke(serial, RevocationReason.SUPERSEDED, now);
          }
        }
      }
    }
    retireEncryptionKey(dir, now);
    issuer.node(ca, node);
    ca.saveState(layout);
    writeCrl(ca);
  }

  /**
   * A new TLS key and certificate for the agency's gateway; the old certificate is revoked at once
   * or, with {@code revokePrevious} false, left valid until {@link #retirePrevious}.
   */
  public void rotateGateway(String agency, boolean revokePrevious) {
    CertificateAuthority ca = authority(agency);
    Path dir = layout.gatewayDir(agency);
    Path file = dir.resolve(PkiLayout.TLS_CERT);
    if (revokePrevious && Files.exists(file)) {
      BigInteger serial = PkiFiles.readCertificate(file).getSerialNumber();
      IssuedCertificate old = ca.state().get(serial);
      if (old != null && !old.revoked()) {
        ca.revoke(serial, RevocationReason.SUPERSEDED, clock.instant());
      }
    }
    issuer.leaf(
        ca, Profile.GATEWAY_TLS, Profile.GATEWAY_NAME, dir, PkiLayout.TLS_CERT, PkiLayout.TLS_KEY);
    ca.saveState(layout);
    writeCrl(ca);
  }

  /**
   * Ends a rotation's overlap: revokes (superseded) every certificate issued into a file of {@code
   * entityDir} (a node's or the gateway's folder) that is no longer the one in that file, and
   * re-issues the CRL. Returns the serials revoked.
   */
  public List<BigInteger> retirePrevious(String agency, Path entityDir) {
    CertificateAuthority ca = authority(agency);
    Instant now = clock.instant();
    List<BigInteger> revoked = new java.util.ArrayList<>();
    for (IssuedCertificate c : ca.state().issued()) {
      if (c.revoked() || c.file() == null) {
        continue;
      }
      Path file = layout.agencyDir(agency).resolve(c.file());
      if (!file.getParent()
              .toAbsolutePath()
              .normalize()
              .equals(entityDir.toAbsolutePath().normalize())
          || !Files.exists(file)) {
        continue;
      }
      if (!PkiFiles.readCertificate(file).getSerialNumber().equals(c.serial())) {
        ca.revoke(c.serial(), RevocationReason.SUPERSEDED, now);
        revoked.add(c.serial());
      }
    }
    ca.saveState(layout);
    writeCrl(ca);
    return revoked;
  }

  /**
   * Keeps the node's old encryption key in {@code retired/}, so the node can re-seal what it sealed
   * under it (the audit salt, the de-confliction seed) at its next start (docs/security-model.md,
   * "Rotating a node's keys").
   */
  private static void retireEncryptionKey(Path nodeDir, Instant now) {
    Path key = nodeDir.resolve(PkiLayout.ENCRYPTION_KEY);
    if (!Files.exists(key)) {
      return;
    }
    try {
      Path retired = nodeDir.resolve("retired");
      Files.createDirectories(retired);
      Files.copy(
          key,
          retired.resolve("encryption-" + now.toEpochMilli() + ".key.pem"),
          java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot keep the old encryption key in " + nodeDir.resolve("retired"), e);
    }
  }

  /**
   * Step 1 of an agency CA rotation (decision 0039): a new CA, every certificate of the agency
   * re-issued under it for the same keys and kept aside, and the new CA with its CRL and the old
   * CA's rollover certificate for it published in {@code directory/<agency>}. Returns the new CA.
   */
  public X509Certificate beginCaRotation(String agency) {
    return caRotation.begin(authority(agency));
  }

  /**
   * Step 3: the re-issued certificates go into the processes' folders and the new CA becomes the
   * agency's current CA; the old one stays published and trusted. Returns the new CA.
   */
  public X509Certificate switchCa(String agency) {
    X509Certificate next = caRotation.switchOver(authority(agency));
    authorities.remove(agency);
    return next;
  }

  /** Step 4: the old CA is withdrawn; what it issued is refused. Returns the withdrawn CA. */
  public X509Certificate withdrawPreviousCa(String agency) {
    authority(agency);
    return caRotation.withdraw(agency);
  }

  /** Revokes a certificate of the agency's CA by serial and re-issues its CRL. */
  public void revoke(String agency, BigInteger serial, RevocationReason reason) {
    CertificateAuthority ca = authority(agency);
    ca.revoke(serial, reason, clock.instant());
    ca.saveState(layout);
    writeCrl(ca);
  }

  /**
   * Revokes the certificate in {@code certFile} (PEM); refuses one the agency's CA did not sign.
   */
  public void revoke(String agency, Path certFile, RevocationReason reason) {
    CertificateAuthority ca = authority(agency);
    if (!Files.isRegularFile(certFile)) {
      throw new PkiException(PkiException.Kind.UNKNOWN_ENTITY, "no certificate file " + certFile);
    }
    X509Certificate cert = PkiFiles.readCertificate(certFile);
    if (!ca.signed(cert)) {
      throw new PkiException(
          PkiException.Kind.NOT_ISSUED_BY_CA,
          certFile
              + " ("
              + cert.getSubjectX500Principal().getName()
              + ") was not issued by the CA of "
              + agency);
    }
    revoke(agency, cert.getSerialNumber(), reason);
  }

  /** Re-issues the agency's CRL (new number, thisUpdate now, nextUpdate +7 days). */
  public void reissueCrl(String agency) {
    CertificateAuthority ca = authority(agency);
    writeCrl(ca);
  }

  /** Re-issues the CRL of every agency. */
  public void reissueCrls() {
    agencies().forEach(this::reissueCrl);
  }

  /** Agency ids with a CA in this PKI, sorted. */
  public List<String> agencies() {
    try (Stream<Path> entries = Files.list(layout.root())) {
      return entries
          .filter(p -> Files.isRegularFile(p.resolve(PkiLayout.CA_STATE)))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw PkiFiles.ioFailure("cannot list " + layout.root(), e);
    }
  }

  public List<String> nodes(String agency) {
    authority(agency);
    return subfolders(layout.nodesDir(agency));
  }

  public List<String> officers(String agency) {
    authority(agency);
    return subfolders(layout.officersDir(agency));
  }

  /**
   * Every certificate the agency's CA issued (including its own and the revoked ones), by serial.
   */
  public List<IssuedCertificate> certificates(String agency) {
    return authority(agency).state().issued();
  }

  /** The agency's root CA certificate. */
  public X509Certificate caCertificate(String agency) {
    return authority(agency).certificate();
  }

  public PkiLayout layout() {
    return layout;
  }

  public Path root() {
    return layout.root();
  }

  /** {@code <pki>/directory}: the value of {@code liaison.directory.dir}. */
  public Path directory() {
    return layout.directory();
  }

  public Path agencyDir(String agency) {
    return layout.agencyDir(agency);
  }

  /** {@code <pki>/<agency>/nodes/<node>}: the node's {@code liaison.pki.dir}. */
  public Path nodeDir(String agency, String node) {
    return layout.nodeDir(agency, node);
  }

  /** {@code <pki>/<agency>/gateway}: the gateway's {@code liaison.pki.dir}. */
  public Path gatewayDir(String agency) {
    return layout.gatewayDir(agency);
  }

  public Path officerDir(String agency, String officer) {
    return layout.officerDir(agency, officer);
  }

  public Path agencySigningDir(String agency) {
    return layout.agencySigningDir(agency);
  }

  public Path caCert(String agency) {
    return layout.caCert(agency);
  }

  public Path caCrl(String agency) {
    return layout.caCrl(agency);
  }

  private void writeCrl(CertificateAuthority ca) {
    byte[] crl = Pem.encode(ca.crl(clock.instant()));
    ca.saveState(layout); // the CRL number moved
    PkiFiles.writePublic(layout.caCrl(ca.agency()), crl);
    PkiFiles.writePublic(layout.directoryAgencyDir(ca.agency()).resolve(PkiLayout.CA_CRL), crl);
  }

  private CertificateAuthority authority(String agency) {
    AgencySpec.requireAgencyId(agency);
    return authorities.computeIfAbsent(
        agency,
        a -> {
          if (!Files.isRegularFile(layout.caState(a))) {
            throw new PkiException(
                PkiException.Kind.UNKNOWN_AGENCY,
                "agency "
                    + a
                    + " is not in "
                    + layout.root()
                    + " (agencies: "
                    + agencies()
                    + "); add it with add-agency");
          }
          return CertificateAuthority.load(layout, a, random);
        });
  }

  private List<Path> existingPkiMaterial(List<AgencySpec> agencies) {
    List<Path> found = new ArrayList<>();
    if (Files.exists(layout.directory())) {
      found.add(layout.directory());
    }
    if (Files.isDirectory(layout.root())) {
      for (String agency : agencies()) {
        found.add(layout.agencyDir(agency));
      }
    }
    for (AgencySpec spec : agencies) {
      Path dir = layout.agencyDir(spec.agency());
      if (Files.exists(dir) && !found.contains(dir)) {
        found.add(dir);
      }
    }
    return found;
  }

  static List<String> subfolders(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw PkiFiles.ioFailure("cannot list " + dir, e);
    }
  }

  private static void requireDistinct(List<AgencySpec> agencies) {
    HashSet<String> seen = new HashSet<>();
    for (AgencySpec spec : agencies) {
      if (!seen.add(spec.agency())) {
        throw new PkiException(
            PkiException.Kind.ALREADY_EXISTS, "agency " + spec.agency() + " is named twice");
      }
    }
  }
}
