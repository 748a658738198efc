package org.liaison.agreements;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.liaison.pem.Pem;
import org.liaison.wire.v1.Reason;

/**
 * The agreements folder ({@code <id>.yaml}, {@code <id>.<agency>.p7s}, {@code <id>.status.yaml}).
 * Documents are parsed and signatures verified when the folder is loaded; dates and lifecycle are
 * evaluated at the instant asked. On access the folder's file names, sizes and modification times
 * are compared at most once a second and the folder is re-read when they changed; {@link #reload()}
 * forces it. Thread-safe.
 *
 * <p>A new version of an agreement that was fully signed (its document or a party's signature file
 * replaced) whose signature is there but refused, for instance made with an officer's, node's or
 * gateway's certificate instead of the agency signatory's, does not replace the version in force:
 * the store keeps the last fully signed version (its lifecycle file is still read) and tells its
 * {@link #onRefusedVersion listeners} once, with the reason ({@code CERTIFICATE_WRONG_ROLE}, {@code
 * AGREEMENT_UNSIGNED}). A version with a signature still missing (parties signing one by one) is
 * evaluated as it is.
 */
public final class AgreementStore {
  private static final long POLL_NANOS = 1_000_000_000L;

  private final Path dir;
  private final Optional<Path> directory;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile Snapshot snapshot = new Snapshot("", Map.of(), List.of());
  private final List<Consumer<RefusedVersion>> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /** A new version of an agreement refused on reload; the version in force stays. */
  public record RefusedVersion(String agreementId, String agency, Reason reason, String detail) {}

  /** Runs {@code listener} once for each refused new version found from now on. */
  public void onRefusedVersion(Consumer<RefusedVersion> listener) {
    listeners.add(listener);
  }

  private volatile long lastPoll = System.nanoTime() - POLL_NANOS;

  /**
   * A store over {@code dir}, trusting CA certificates only by the fingerprints agreements name.
   */
  public AgreementStore(Path dir) {
    this(dir, Optional.empty(), Clock.systemUTC());
  }

  /**
   * @param directory the public PKI directory ({@code <pki>/directory}); when present an agency's
   *     {@code ca.crt.pem} there is also considered as its CA (it still must match the fingerprint)
   */
  public AgreementStore(Path dir, Optional<Path> directory, Clock clock) {
    this.dir = dir;
    this.directory = directory;
    this.clock = clock;
    reload();
  }

  public Path dir() {
    return dir;
  }

  /** The agreements in force at {@code at} that have both agencies as parties. */
  public List<Agreement> inForce(String agencyA, String agencyB, Instant at) {
    List<Agreement> out = new ArrayList<>();
    for (Loaded l : current().entries.values()) {
      AgreementStatus s = l.status(at);
      if (s.inForce() && s.between(agencyA, agencyB)) {
        out.add(s.agreement().get());
      }
    }
    return out;
  }

  /** The agreement's status now, or empty when the folder has no {@code <id>.yaml}. */
  public Optional<AgreementStatus> statusOf(String id) {
    return statusOf(id, clock.instant());
  }

  public Optional<AgreementStatus> statusOf(String id, Instant at) {
    return Optional.ofNullable(current().entries.get(id)).map(l -> l.status(at));
  }

  /** Every agreement in the folder, evaluated now, ordered by id. */
  public List<AgreementStatus> all() {
    return all(clock.instant());
  }

  public List<AgreementStatus> all(Instant at) {
    return current().entries.values().stream().map(l -> l.status(at)).toList();
  }

  /** Re-reads the folder now. */
  public void reload() {
    Snapshot loaded;
    synchronized (lock) {
      lastPoll = System.nanoTime();
      loaded = load(stamp());
      snapshot = loaded;
    }
    report(loaded);
  }

  private void report(Snapshot loaded) {
    for (RefusedVersion r : loaded.refused) {
      if (reported.add(r.agreementId() + "\0" + r.agency() + "\0" + r.detail())) {
        for (Consumer<RefusedVersion> l : listeners) {
          try {
            l.accept(r);
          } catch (RuntimeException e) {
            // a listener's failure must not change what is in force
          }
        }
      }
    }
  }

  /** Appends a lifecycle step to {@code <id>.status.yaml}; {@code by} must be a party. */
  public AgreementStatus record(String id, LifecycleEvent.Action action, String by, String why)
      throws AgreementException {
    Instant now = clock.instant();
    synchronized (lock) {
      reload();
      Loaded l = snapshot.entries.get(id);
      if (l == null) {
        throw new AgreementException(
            Reason.NO_AGREEMENT, "There is no agreement " + id + " in " + dir + ".");
      }
      Optional<Agreement> a = l.parsed.agreement();
      if (a.isEmpty() || !a.get().hasParty(by)) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT,
            by
                + " is not a party to "
                + id
                + "; only parties may "
                + action.name().toLowerCase()
                + " it.");
      }
      if (l.lifecycle.error() != null) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT,
            "Repair or remove the status file first: " + l.lifecycle.error());
      }
      List<LifecycleEvent> events = new ArrayList<>(l.lifecycle.events());
      AgreementStatus before = l.status(now);
      if (before.state() == AgreementStatus.State.TERMINATED) {
        throw new AgreementException(
            Reason.AGREEMENT_TERMINATED,
            "Agreement "
                + id
                + " is already terminated; it cannot be "
                + action.name().toLowerCase()
                + "d.");
      }
      boolean suspended =
          !events.isEmpty()
              && events.get(events.size() - 1).action() == LifecycleEvent.Action.SUSPEND;
      if (action == LifecycleEvent.Action.RESUME && !suspended) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT,
            "Agreement " + id + " is not suspended, so it cannot be resumed.");
      }
      if (action == LifecycleEvent.Action.SUSPEND && suspended) {
        throw new AgreementException(
            Reason.AGREEMENT_SUSPENDED, "Agreement " + id + " is already suspended.");
      }
      events.add(new LifecycleEvent(action, by, now, why == null ? "" : why));
      try {
        LifecycleFile.write(LifecycleFile.path(dir, id), id, events);
      } catch (IOException e) {
        throw new AgreementException(
            Reason.INTERNAL, "Cannot write the status of " + id + ": " + e.getMessage(), e);
      }
      reload();
      return snapshot.entries.get(id).status(now);
    }
  }

  private Snapshot current() {
    long now = System.nanoTime();
    Snapshot loaded = null;
    if (now - lastPoll >= POLL_NANOS) {
      synchronized (lock) {
        if (now - lastPoll >= POLL_NANOS) {
          lastPoll = now;
          String stamp = stamp();
          if (!stamp.equals(snapshot.stamp)) {
            loaded = load(stamp);
            snapshot = loaded;
          }
        }
      }
    }
    if (loaded != null) {
      report(loaded);
    }
    return snapshot;
  }

  private String stamp() {
    StringBuilder sb = new StringBuilder();
    TreeSet<Path> files = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(files::add);
    } catch (IOException e) {
      return "unreadable:" + e.getMessage();
    }
    for (Path p : files) {
      try {
        sb.append(p.getFileName())
            .append(':')
            .append(Files.size(p))
            .append(':')
            .append(Files.getLastModifiedTime(p).toMillis())
            .append('\n');
      } catch (IOException e) {
        sb.append(p.getFileName()).append(":gone\n");
      }
    }
    return sb.toString();
  }

  private Snapshot load(String stamp) {
    Map<String, Loaded> entries = new TreeMap<>();
    List<RefusedVersion> refused = new ArrayList<>();
    Instant now = clock.instant();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.yaml")) {
        for (Path f : ds) {
          String name = f.getFileName().toString();
          if (name.endsWith(".status.yaml")) {
            continue;
          }
          String id = name.substring(0, name.length() - ".yaml".length());
          Loaded fresh = loadOne(id, f, now);
          Loaded before = snapshot.entries.get(id);
          Optional<SignatureCheck> bad =
              fresh.signatures.values().stream().filter(SignatureCheck::refused).findFirst();
          if (bad.isPresent() && before != null && before.fullySigned()) {
            entries.put(id, new Loaded(id, before.parsed, before.signatures, fresh.lifecycle));
            refused.add(
                new RefusedVersion(id, bad.get().agency(), bad.get().reason(), bad.get().detail()));
          } else {
            entries.put(id, fresh);
          }
        }
      } catch (IOException e) {
        // an unreadable folder holds no agreement in force
      }
    }
    return new Snapshot(stamp, entries, refused);
  }

  private Loaded loadOne(String id, Path file, Instant now) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new Loaded(
          id,
          new ParseResult(
              Optional.empty(),
              List.of(new ValidationError(1, 1, "(file)", "cannot be read: " + e.getMessage()))),
          Map.of(),
          new LifecycleFile.Read(List.of(), null));
    }
    ParseResult parsed = AgreementParser.parse(bytes);
    if (parsed.valid() && !parsed.agreement().get().id().equals(id)) {
      parsed =
          new ParseResult(
              Optional.empty(),
              List.of(
                  new ValidationError(
                      1,
                      1,
                      "id",
                      "'"
                          + parsed.agreement().get().id()
                          + "' does not match the file name "
                          + file.getFileName())));
    }
    Map<String, SignatureCheck> sigs = new LinkedHashMap<>();
    if (parsed.valid()) {
      for (Party p : parsed.agreement().get().parties()) {
        sigs.put(p.agency(), verify(file, bytes, p, now));
      }
    }
    return new Loaded(id, parsed, sigs, LifecycleFile.read(LifecycleFile.path(dir, id)));
  }

  private SignatureCheck verify(Path yaml, byte[] bytes, Party p, Instant now) {
    Path p7s = AgreementSigner.signatureFile(yaml, p.agency());
    if (!Files.exists(p7s)) {
      return SignatureCheck.missing(p.agency(), " (" + p7s.getFileName() + " is missing)");
    }
    try {
      return SignatureVerifier.verify(
          bytes, Files.readAllBytes(p7s), p, directoryCa(p.agency()), now);
    } catch (IOException e) {
      return SignatureCheck.bad(p.agency(), p7s.getFileName() + " cannot be read");
    }
  }

  private Optional<X509Certificate> directoryCa(String agency) {
    if (directory.isEmpty()) {
      return Optional.empty();
    }
    Path f = directory.get().resolve(agency).resolve("ca.crt.pem");
    try {
      return Files.exists(f) ? Optional.of(Pem.readCertificate(f)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Verifies the signatures of one document file on its own (for the CLI's verify). */
  public static List<SignatureCheck> verifyFile(Path yaml, Optional<Path> directory, Instant at)
      throws AgreementException {
    AgreementStore s =
        new AgreementStore(
            yaml.toAbsolutePath().getParent(),
            directory,
            Clock.fixed(at, java.time.ZoneOffset.UTC));
    String name = yaml.getFileName().toString();
    String id = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
    Loaded l = s.snapshot.entries.get(id);
    if (l == null || !l.parsed.valid()) {
      throw new AgreementException(
          Reason.INVALID_ARGUMENT,
          yaml
              + " is not a valid agreement document"
              + (l == null ? "" : ":\n" + l.parsed.describe()));
    }
    return List.copyOf(l.signatures.values());
  }

  private record Snapshot(
      String stamp, Map<String, Loaded> entries, List<RefusedVersion> refused) {}

  private record Loaded(
      String id,
      ParseResult parsed,
      Map<String, SignatureCheck> signatures,
      LifecycleFile.Read lifecycle) {
    boolean fullySigned() {
      return parsed.valid()
          && parsed.agreement().get().parties().stream()
              .allMatch(
                  p -> signatures.containsKey(p.agency()) && signatures.get(p.agency()).valid());
    }

    AgreementStatus status(Instant at) {
      return AgreementEvaluator.evaluate(id, parsed, signatures, lifecycle, at);
    }
  }
}
