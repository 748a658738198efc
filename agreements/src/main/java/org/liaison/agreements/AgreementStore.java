package org.liaison.agreements;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
  private final AgreementFolder folder;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile Snapshot snapshot = new Snapshot(0, "", Map.of(), List.of());
  private long loads;
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
    this.folder = new AgreementFolder(dir, directory);
    this.clock = clock;
    reload();
  }

  public Path dir() {
    return dir;
  }

  /** The agreements in force at {@code at} that have both agencies as parties. */
  public List<Agreement> inForce(String agencyA, String agencyB, Instant at) {
    List<Agreement> out = new ArrayList<>();
    for (LoadedAgreement l : current().entries.values()) {
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

  /**
   * Every agreement in the folder evaluated at {@code at}, with what it was evaluated from: the
   * statuses stay the same while {@link #stillHolds} says so (for a caller that derives something
   * from them on every call).
   */
  public Evaluation evaluate(Instant at) {
    Snapshot s = current();
    Instant until = Instant.MAX;
    List<AgreementStatus> statuses = new ArrayList<>(s.entries.size());
    for (LoadedAgreement l : s.entries.values()) {
      statuses.add(l.status(at));
      Instant next = l.nextChangeAfter(at);
      if (next.isBefore(until)) {
        until = next;
      }
    }
    return new Evaluation(List.copyOf(statuses), s.version, until);
  }

  /**
   * True while {@code e}'s statuses are what evaluating now at {@code at} would give: the folder
   * was not re-read since (a changed or touched file, a recorded lifecycle step) and no agreement
   * starts, ends or reaches a lifecycle step's instant after {@code e}'s evaluation and at or
   * before {@code at}.
   */
  public boolean stillHolds(Evaluation e, Instant at) {
    return current().version == e.snapshotVersion() && at.isBefore(e.holdsUntil());
  }

  /**
   * Statuses of every agreement at one instant, of the folder's snapshot {@code snapshotVersion},
   * unchanged until {@code holdsUntil} (exclusive; {@link Instant#MAX} when nothing is dated).
   */
  public record Evaluation(
      List<AgreementStatus> statuses, long snapshotVersion, Instant holdsUntil) {}

  /** Re-reads the folder now. */
  public void reload() {
    Snapshot loaded;
    synchronized (lock) {
      lastPoll = System.nanoTime();
      loaded = load(folder.stamp());
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
      LoadedAgreement l = snapshot.entries.get(id);
      if (l == null) {
        throw new AgreementException(
            Reason.NO_AGREEMENT, "There is no agreement " + id + " in " + dir + ".");
      }
      Optional<Agreement> a = l.parsed().agreement();
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
      if (l.lifecycle().error() != null) {
        throw new AgreementException(
            Reason.INVALID_ARGUMENT,
            "Repair or remove the status file first: " + l.lifecycle().error());
      }
      List<LifecycleEvent> events = new ArrayList<>(l.lifecycle().events());
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
          String stamp = folder.stamp();
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

  private Snapshot load(String stamp) {
    Map<String, LoadedAgreement> entries = new TreeMap<>();
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
          LoadedAgreement fresh = folder.read(id, f, now);
          LoadedAgreement before = snapshot.entries.get(id);
          Optional<SignatureCheck> bad =
              fresh.signatures().values().stream().filter(SignatureCheck::refused).findFirst();
          if (bad.isPresent() && before != null && before.fullySigned()) {
            entries.put(
                id,
                new LoadedAgreement(id, before.parsed(), before.signatures(), fresh.lifecycle()));
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
    return new Snapshot(++loads, stamp, entries, refused);
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
    LoadedAgreement l = s.snapshot.entries.get(id);
    if (l == null || !l.parsed().valid()) {
      throw new AgreementException(
          Reason.INVALID_ARGUMENT,
          yaml
              + " is not a valid agreement document"
              + (l == null ? "" : ":\n" + l.parsed().describe()));
    }
    return List.copyOf(l.signatures().values());
  }

  private record Snapshot(
      long version,
      String stamp,
      Map<String, LoadedAgreement> entries,
      List<RefusedVersion> refused) {}
}
