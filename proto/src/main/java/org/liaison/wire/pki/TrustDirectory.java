package org.liaison.wire.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.liaison.pem.Pem;

/**
 * The public material of the agencies: each one's CA certificate and CRL, and its nodes' signing
 * and encryption certificates, as laid out in {@code <pki>/directory}.
 *
 * <p>Holding an agency's material does not mean trusting it. Trust follows the agreements in force,
 * so a directory can be restricted, at run time, to a map from agency to the fingerprint of the CA
 * the agreement names ({@link #restrictedTo(Supplier)}): an agency is trusted only while it is in
 * the map and the map's fingerprint matches the CA held here. The unrestricted directory trusts
 * every agency it holds.
 *
 * <p>The material can be replaced while running ({@link #replaceWith}); every view made by {@link
 * #restrictedTo} sees the replacement at once. {@link TrustDirectoryWatcher} does so when the files
 * change, so a new CRL takes effect without a restart.
 */
public final class TrustDirectory {

  /** One agency's public material. */
  record Agency(
      String id,
      X509Certificate ca,
      String caFingerprint,
      X509CRL crl,
      Map<String, X509Certificate> signing,
      Map<String, X509Certificate> encryption) {}

  private final AtomicReference<Map<String, Agency>> state;
  private final List<Runnable> onReplace;
  private final Supplier<Map<String, String>> allowed;

  private TrustDirectory(
      AtomicReference<Map<String, Agency>> state,
      List<Runnable> onReplace,
      Supplier<Map<String, String>> allowed) {
    this.state = state;
    this.onReplace = onReplace;
    this.allowed = allowed;
  }

  /** Runs {@code listener} after every {@link #replaceWith} of this directory or any view of it. */
  public void onReplace(Runnable listener) {
    onReplace.add(listener);
  }

  /**
   * Replaces the material of this directory, and of every view of it, with that of {@code fresh}
   * (e.g. the directory re-read after a CRL was re-issued).
   */
  public void replaceWith(TrustDirectory fresh) {
    state.set(fresh.state.get());
    for (Runnable r : onReplace) {
      r.run();
    }
  }

  /** Loads {@code <pki>/directory}: one folder per agency. */
  public static TrustDirectory load(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("trust directory " + directory + " does not exist");
    }
    Builder b = builder();
    try (Stream<Path> dirs = Files.list(directory)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String agency = dir.getFileName().toString();
        X509CRL crl =
            Files.exists(dir.resolve("ca.crl.pem")) ? Pem.readCrl(dir.resolve("ca.crl.pem")) : null;
        b.agency(agency, Pem.readCertificate(dir.resolve("ca.crt.pem")), crl);
        Path nodes = dir.resolve("nodes");
        if (Files.isDirectory(nodes)) {
          try (Stream<Path> ns = Files.list(nodes)) {
            for (Path n : ns.filter(Files::isDirectory).sorted().toList()) {
              b.node(
                  agency,
                  n.getFileName().toString(),
                  Pem.readCertificate(n.resolve("signing.crt.pem")),
                  Pem.readCertificate(n.resolve("encryption.crt.pem")));
            }
          }
        }
      }
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A view of the same material that trusts only the agencies in the supplied map, and only when
   * the map's CA fingerprint equals this directory's. The supplier is asked on every decision, so
   * an agreement that ends stops trust at once.
   */
  public TrustDirectory restrictedTo(Supplier<Map<String, String>> allowedCaFingerprints) {
    return new TrustDirectory(state, onReplace, Objects.requireNonNull(allowedCaFingerprints));
  }

  /** As {@link #restrictedTo(Supplier)} with a fixed map. */
  public TrustDirectory restrictedTo(Map<String, String> allowedCaFingerprints) {
    Map<String, String> copy = Map.copyOf(allowedCaFingerprints);
    return restrictedTo(() -> copy);
  }

  /** Whether the agency is currently trusted. */
  public boolean isTrusted(String agency) {
    return trusted(agency).isPresent();
  }

  /** The agencies currently trusted. */
  public Set<String> trustedAgencies() {
    Set<String> out = new TreeSet<>();
    for (String a : state.get().keySet()) {
      if (isTrusted(a)) {
        out.add(a);
      }
    }
    return out;
  }

  /** The agency's CA, if the agency is currently trusted. */
  public Optional<X509Certificate> caCertificate(String agency) {
    return trusted(agency).map(Agency::ca);
  }

  /** Hex SHA-256 of the agency's CA certificate (DER), whether or not it is trusted now. */
  public Optional<String> caFingerprint(String agency) {
    return Optional.ofNullable(state.get().get(agency)).map(Agency::caFingerprint);
  }

  /** The agency's CRL, if the agency is currently trusted and published one. */
  public Optional<X509CRL> crl(String agency) {
    return trusted(agency).map(Agency::crl);
  }

  /** A node's signing certificate, if its agency is currently trusted. */
  public Optional<X509Certificate> nodeSigningCertificate(String agency, String node) {
    return trusted(agency).map(a -> a.signing().get(node));
  }

  /** A node's HPKE encryption certificate, if its agency is currently trusted. */
  public Optional<X509Certificate> nodeEncryptionCertificate(String agency, String node) {
    return trusted(agency).map(a -> a.encryption().get(node));
  }

  Optional<Agency> trusted(String agency) {
    Agency a = agency == null ? null : state.get().get(agency);
    if (a == null) {
      return Optional.empty();
    }
    if (allowed == null) {
      return Optional.of(a);
    }
    Map<String, String> now = allowed.get();
    String fp = now == null ? null : now.get(agency);
    return fp != null && fp.equalsIgnoreCase(a.caFingerprint()) ? Optional.of(a) : Optional.empty();
  }

  /** Assembles a directory from material already in memory. */
  public static final class Builder {
    private final Map<String, Agency> agencies = new HashMap<>();

    private Builder() {}

    public Builder agency(String agency, X509Certificate ca, X509CRL crl) {
      agencies.put(
          agency,
          new Agency(
              agency, ca, Certificates.fingerprint(ca), crl, new HashMap<>(), new HashMap<>()));
      return this;
    }

    public Builder node(
        String agency, String node, X509Certificate signing, X509Certificate encryption) {
      Agency a = agencies.get(agency);
      if (a == null) {
        throw new IllegalStateException("add agency " + agency + " before its nodes");
      }
      a.signing().put(node, signing);
      a.encryption().put(node, encryption);
      return this;
    }

    public TrustDirectory build() {
      Map<String, Agency> frozen = new HashMap<>();
      agencies.forEach(
          (id, a) ->
              frozen.put(
                  id,
                  new Agency(
                      id,
                      a.ca(),
                      a.caFingerprint(),
                      a.crl(),
                      Map.copyOf(a.signing()),
                      Map.copyOf(a.encryption()))));
      return new TrustDirectory(
          new AtomicReference<>(Map.copyOf(frozen)), new CopyOnWriteArrayList<>(), null);
    }
  }
}
