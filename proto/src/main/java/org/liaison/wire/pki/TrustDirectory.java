package org.liaison.wire.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * The public material of the agencies: each one's CA certificates and their CRLs, and its nodes'
 * signing and encryption certificates, as laid out in {@code <pki>/directory}.
 *
 * <p>An agency usually has one CA ({@code ca.crt.pem}, {@code ca.crl.pem}). While it rotates its CA
 * it has two (decision 0039): the other one as {@code ca-<label>.crt.pem} with {@code
 * ca-<label>.crl.pem}, and a <em>rollover certificate</em> {@code rollover-<label>.crt.pem} in
 * which the CA partners already know certifies the new CA's key (RFC 4210's "new with old"). A CA
 * the agency withdrew is kept under {@code withdrawn/}, so that what it issued is refused with that
 * reason rather than as unknown.
 *
 * <p>Holding an agency's material does not mean trusting it. Trust follows the agreements in force:
 * a directory can be restricted, at run time, to the CA fingerprints the agreements name for each
 * agency ({@link #pinnedTo}): a CA of an agency is trusted only while its fingerprint is pinned, or
 * while a pinned CA of the same agency vouches for it by a rollover certificate held here (the
 * partner's own signed material, never a certificate a peer presents). The unrestricted directory
 * trusts every CA it holds that was not withdrawn (the operator put it there).
 *
 * <p>The material can be replaced while running ({@link #replaceWith}); every view made by {@link
 * #pinnedTo} sees the replacement at once. {@link TrustDirectoryWatcher} does so when the files
 * change, so a new CRL or CA takes effect without a restart.
 */
public final class TrustDirectory {

  /** One CA of an agency, with its CRL (null when none is published). */
  record AgencyCa(X509Certificate certificate, String fingerprint, X509CRL crl) {}

  /** A rollover certificate, already checked: {@code vouchedFp}'s key certified by {@code byFp}. */
  record Rollover(String byFp, String vouchedFp, Instant notBefore, Instant notAfter) {}

  /**
   * One agency's public material. {@code cas} are held and not withdrawn, the current one first.
   */
  record Agency(
      String id,
      List<AgencyCa> cas,
      List<Rollover> rollovers,
      List<AgencyCa> withdrawn,
      Map<String, X509Certificate> signing,
      Map<String, X509Certificate> encryption) {

    AgencyCa current() {
      return cas.get(0);
    }
  }

  private final AtomicReference<Map<String, Agency>> state;
  private final List<Runnable> onReplace;
  private final Supplier<Map<String, ? extends Collection<String>>> pins;
  private final String ownAgency;

  private TrustDirectory(
      AtomicReference<Map<String, Agency>> state,
      List<Runnable> onReplace,
      Supplier<Map<String, ? extends Collection<String>>> pins,
      String ownAgency) {
    this.state = state;
    this.onReplace = onReplace;
    this.pins = pins;
    this.ownAgency = ownAgency;
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
        // a CA's CRL is the one it signed, whatever its file is called: a rotation renames files
        // one at a time, and a reload between two renames must not pair a CA with another's CRL
        List<X509CRL> crls = new ArrayList<>();
        for (Path f : files(dir, "ca", ".crl.pem")) {
          crls.add(Pem.readCrl(f));
        }
        X509Certificate current = Pem.readCertificate(dir.resolve("ca.crt.pem"));
        b.agency(agency, current, crlOf(current, crls));
        for (Path f : files(dir, "ca-", ".crt.pem")) {
          X509Certificate other = Pem.readCertificate(f);
          b.ca(agency, other, crlOf(other, crls));
        }
        for (Path f : files(dir, "rollover-", ".crt.pem")) {
          b.rollover(agency, Pem.readCertificate(f));
        }
        for (Path f : files(dir.resolve("withdrawn"), "", ".crt.pem")) {
          b.withdrawn(agency, Pem.readCertificate(f));
        }
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

  /** The newest CRL among {@code crls} that {@code ca} issued and signed, or null. */
  private static X509CRL crlOf(X509Certificate ca, List<X509CRL> crls) {
    X509CRL best = null;
    for (X509CRL crl : crls) {
      if (crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())
          && CertificateValidator.crlSignedBy(crl, ca.getPublicKey())
          && (best == null || crl.getThisUpdate().after(best.getThisUpdate()))) {
        best = crl;
      }
    }
    return best;
  }

  private static List<Path> files(Path dir, String prefix, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> fs = Files.list(dir)) {
      return fs.filter(
              f -> {
                String n = f.getFileName().toString();
                return Files.isRegularFile(f) && n.startsWith(prefix) && n.endsWith(suffix);
              })
          .sorted()
          .toList();
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A view of the same material that trusts a CA of an agency only while {@code caPins} names its
   * fingerprint for that agency, or names a CA of the same agency that vouches for it by a rollover
   * certificate held here. The supplier is asked on every decision, so an agreement that ends stops
   * trust at once.
   */
  public TrustDirectory pinnedTo(Supplier<Map<String, ? extends Collection<String>>> caPins) {
    return new TrustDirectory(state, onReplace, Objects.requireNonNull(caPins), null);
  }

  /**
   * As {@link #pinnedTo(Supplier)}, and {@code ownAgency} under every CA of it held here and not
   * withdrawn (the process's own agency, whose directory its own operator keeps).
   */
  public TrustDirectory pinnedTo(
      Supplier<Map<String, ? extends Collection<String>>> caPins, String ownAgency) {
    return new TrustDirectory(
        state, onReplace, Objects.requireNonNull(caPins), Objects.requireNonNull(ownAgency));
  }

  /** As {@link #pinnedTo} with one fingerprint per agency. */
  public TrustDirectory restrictedTo(Supplier<Map<String, String>> allowedCaFingerprints) {
    Objects.requireNonNull(allowedCaFingerprints);
    return pinnedTo(
        () -> {
          Map<String, String> now = allowedCaFingerprints.get();
          Map<String, Set<String>> out = new HashMap<>();
          if (now != null) {
            now.forEach((agency, fp) -> out.put(agency, Set.of(fp)));
          }
          return out;
        });
  }

  /** As {@link #restrictedTo(Supplier)} with a fixed map. */
  public TrustDirectory restrictedTo(Map<String, String> allowedCaFingerprints) {
    Map<String, String> copy = Map.copyOf(allowedCaFingerprints);
    return restrictedTo(() -> copy);
  }

  /**
   * A view that trusts only {@code agency}, under every CA of it held here and not withdrawn: the
   * process's own agency, whose directory its own operator keeps (during a CA rotation both).
   */
  public TrustDirectory onlyAgency(String agency) {
    return pinnedTo(Map::of, agency);
  }

  /** Whether the agency is currently trusted (under at least one of its CAs). */
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

  /** The agency's current CA ({@code ca.crt.pem}), if it is currently trusted. */
  public Optional<X509Certificate> caCertificate(String agency) {
    return trusted(agency)
        .flatMap(a -> trustedCas(a).stream().findFirst())
        .map(AgencyCa::certificate);
  }

  /** Every CA of the agency currently trusted here (more than one during a CA rotation). */
  public List<X509Certificate> caCertificates(String agency) {
    return trusted(agency).map(this::trustedCas).orElse(List.of()).stream()
        .map(AgencyCa::certificate)
        .toList();
  }

  /** Hex SHA-256 of the agency's current CA certificate (DER), whether or not it is trusted now. */
  public Optional<String> caFingerprint(String agency) {
    return Optional.ofNullable(state.get().get(agency)).map(a -> a.current().fingerprint());
  }

  /** The CRL of the agency's current CA, if the agency is currently trusted and published one. */
  public Optional<X509CRL> crl(String agency) {
    return trusted(agency).map(a -> a.current().crl());
  }

  /** A node's signing certificate, if its agency is currently trusted. */
  public Optional<X509Certificate> nodeSigningCertificate(String agency, String node) {
    return trusted(agency).map(a -> a.signing().get(node));
  }

  /** A node's HPKE encryption certificate, if its agency is currently trusted. */
  public Optional<X509Certificate> nodeEncryptionCertificate(String agency, String node) {
    return trusted(agency).map(a -> a.encryption().get(node));
  }

  /** The agency's material, if at least one of its CAs is trusted now. */
  Optional<Agency> trusted(String agency) {
    Agency a = agency == null ? null : state.get().get(agency);
    if (a == null || trustedCas(a).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(a);
  }

  /** The agency's material whether or not it is trusted (to name why a certificate is refused). */
  Optional<Agency> held(String agency) {
    return Optional.ofNullable(agency == null ? null : state.get().get(agency));
  }

  /** The agency's CAs trusted now: pinned, or vouched for by a pinned CA; the current one first. */
  List<AgencyCa> trustedCas(Agency a) {
    if (pins == null || a.id().equals(ownAgency)) {
      return a.cas();
    }
    Map<String, ? extends Collection<String>> now = pins.get();
    Collection<String> pinned = now == null ? null : now.get(a.id());
    if (pinned == null || pinned.isEmpty()) {
      return List.of();
    }
    Set<String> fps = new HashSet<>();
    for (String fp : pinned) {
      fps.add(fp.toLowerCase(java.util.Locale.ROOT));
    }
    Instant at = Instant.now();
    List<AgencyCa> out = new ArrayList<>(a.cas().size());
    for (AgencyCa ca : a.cas()) {
      if (fps.contains(ca.fingerprint()) || vouched(a, ca, fps, at)) {
        out.add(ca);
      }
    }
    return out;
  }

  private static boolean vouched(Agency a, AgencyCa ca, Set<String> pinned, Instant at) {
    for (Rollover r : a.rollovers()) {
      if (r.vouchedFp().equals(ca.fingerprint())
          && pinned.contains(r.byFp())
          && !at.isBefore(r.notBefore())
          && !at.isAfter(r.notAfter())) {
        return true;
      }
    }
    return false;
  }

  /** Assembles a directory from material already in memory. */
  public static final class Builder {
    private final Map<String, List<AgencyCa>> cas = new LinkedHashMap<>();
    private final Map<String, List<X509Certificate>> rollovers = new HashMap<>();
    private final Map<String, List<AgencyCa>> withdrawn = new HashMap<>();
    private final Map<String, Map<String, X509Certificate>> signing = new HashMap<>();
    private final Map<String, Map<String, X509Certificate>> encryption = new HashMap<>();

    private Builder() {}

    /** The agency with its current CA. */
    public Builder agency(String agency, X509Certificate ca, X509CRL crl) {
      List<AgencyCa> list = new ArrayList<>();
      list.add(new AgencyCa(ca, Certificates.fingerprint(ca), crl));
      cas.put(agency, list);
      signing.put(agency, new HashMap<>());
      encryption.put(agency, new HashMap<>());
      return this;
    }

    /** Another CA of the agency (during a rotation), after {@link #agency}. */
    public Builder ca(String agency, X509Certificate ca, X509CRL crl) {
      List<AgencyCa> held = require(agency);
      String fp = Certificates.fingerprint(ca);
      if (held.stream().noneMatch(c -> c.fingerprint().equals(fp))) {
        held.add(new AgencyCa(ca, fp, crl));
      }
      return this;
    }

    /** A rollover certificate: one CA of the agency certifying another's key. */
    public Builder rollover(String agency, X509Certificate certificate) {
      require(agency);
      rollovers.computeIfAbsent(agency, k -> new ArrayList<>()).add(certificate);
      return this;
    }

    /** A CA the agency withdrew: what it issued is refused as such. */
    public Builder withdrawn(String agency, X509Certificate ca) {
      require(agency);
      withdrawn
          .computeIfAbsent(agency, k -> new ArrayList<>())
          .add(new AgencyCa(ca, Certificates.fingerprint(ca), null));
      return this;
    }

    public Builder node(
        String agency, String node, X509Certificate signingCert, X509Certificate encryptionCert) {
      require(agency);
      signing.get(agency).put(node, signingCert);
      encryption.get(agency).put(node, encryptionCert);
      return this;
    }

    private List<AgencyCa> require(String agency) {
      List<AgencyCa> list = cas.get(agency);
      if (list == null) {
        throw new IllegalStateException("add agency " + agency + " before its other material");
      }
      return list;
    }

    public TrustDirectory build() {
      Map<String, Agency> frozen = new HashMap<>();
      cas.forEach(
          (id, held) -> {
            List<AgencyCa> gone = withdrawn.getOrDefault(id, List.of());
            Set<String> goneFps = new HashSet<>();
            gone.forEach(w -> goneFps.add(w.fingerprint()));
            List<AgencyCa> live =
                held.stream().filter(c -> !goneFps.contains(c.fingerprint())).toList();
            if (live.isEmpty()) {
              return; // every CA withdrawn: nothing of this agency is trusted
            }
            List<AgencyCa> all = new ArrayList<>(held);
            all.addAll(gone);
            frozen.put(
                id,
                new Agency(
                    id,
                    List.copyOf(live),
                    checkedRollovers(id, all, rollovers.getOrDefault(id, List.of())),
                    List.copyOf(gone),
                    Map.copyOf(signing.get(id)),
                    Map.copyOf(encryption.get(id))));
          });
      return new TrustDirectory(
          new AtomicReference<>(Map.copyOf(frozen)), new CopyOnWriteArrayList<>(), null, null);
    }

    /**
     * Keeps the rollover certificates that one CA of the agency really signed for another CA's
     * subject and key; the signatures are checked once here, not on every decision.
     */
    private static List<Rollover> checkedRollovers(
        String agency, List<AgencyCa> cas, List<X509Certificate> certificates) {
      List<Rollover> out = new ArrayList<>();
      for (X509Certificate r : certificates) {
        for (AgencyCa by : cas) {
          for (AgencyCa vouched : cas) {
            if (by != vouched
                && r.getIssuerX500Principal().equals(by.certificate().getSubjectX500Principal())
                && r.getSubjectX500Principal()
                    .equals(vouched.certificate().getSubjectX500Principal())
                && r.getPublicKey().equals(vouched.certificate().getPublicKey())
                && r.getBasicConstraints() >= 0
                && Certificates.organization(r).filter(agency::equals).isPresent()
                && CertificateValidator.signedBy(r, by.certificate().getPublicKey())) {
              out.add(
                  new Rollover(
                      by.fingerprint(),
                      vouched.fingerprint(),
                      r.getNotBefore().toInstant(),
                      r.getNotAfter().toInstant()));
            }
          }
        }
      }
      return List.copyOf(out);
    }
  }
}
