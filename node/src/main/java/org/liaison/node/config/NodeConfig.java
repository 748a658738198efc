package org.liaison.node.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Optional;
import org.liaison.wire.pki.TrustDirectoryConfig;

/** The node's configuration (keys in docs/architecture.md, "Runtime configuration"). */
@ConfigMapping(prefix = "liaison")
public interface NodeConfig {

  /** This node's agency, e.g. {@code us.ice}. */
  String agency();

  /** This node's name within its agency. */
  @WithDefault("node-1")
  String node();

  /** Where the embedded H2 database and the node's own state live. */
  @WithName("data-dir")
  @WithDefault("./data")
  Path dataDir();

  Runtime runtime();

  Pki pki();

  Directory directory();

  Agreements agreements();

  Federation federation();

  Officer officer();

  Officers officers();

  Gateway gateway();

  Seed seed();

  @WithName("import")
  Imports imports();

  Query query();

  Deconfliction deconfliction();

  Workflow workflow();

  Audit audit();

  interface Runtime {
    /** False in unit tests: the app runs without its network listeners and keys. */
    @WithDefault("true")
    boolean enabled();
  }

  interface Pki {
    /** {@code <pki>/<agency>/nodes/<node>}: this node's TLS, signing and encryption keys. */
    Path dir();
  }

  /** {@code liaison.directory.*}: defined once for node and gateway. */
  interface Directory extends TrustDirectoryConfig {}

  interface Agreements {
    Path dir();
  }

  interface Federation {
    @WithDefault("9101")
    int port();

    @WithName("bind-host")
    @WithDefault("127.0.0.1")
    String bindHost();

    @WithName("max-message-bytes")
    @WithDefault("1048576")
    int maxMessageBytes();

    /**
     * Requests of one partner answered at the same time; one more is refused at once with
     * RESOURCE_EXHAUSTED (PARTNER_BUSY). Keep it below the 32 partner-facing threads.
     */
    @WithName("max-concurrent-per-partner")
    @WithDefault("8")
    int maxConcurrentPerPartner();
  }

  interface Officer {
    /**
     * HTTPS port of the officers' gRPC API and web console (Quarkus' HTTPS server, bound where
     * {@code quarkus.http.host} says; decision 0036).
     */
    @WithDefault("9102")
    int port();
  }

  /** This agency's officers (docs/security-model.md, "Officers"). */
  interface Officers {
    /**
     * The officer directory: {@code <officer> = <ROLE>, <ROLE>} per line, keyed by the officer name
     * in the certificate; read again when it changes. Absent: officers hold no role.
     */
    Optional<Path> file();
  }

  interface Gateway {
    /** This agency's gateway, its listener for own nodes. */
    @WithDefault("localhost:9202")
    String address();
  }

  interface Seed {
    /** JSON Lines imported at start-up when the database holds no records. */
    Optional<Path> file();
  }

  interface Imports {
    /**
     * The folder whose files officers may have the node import itself (Officer.ImportFile); {@code
     * <data-dir>/import} when not set. Nothing outside it is read.
     */
    Optional<Path> dir();
  }

  interface Query {
    @WithName("deadline-ms")
    @WithDefault("3000")
    long deadlineMs();

    /** How long a sealed request stays valid. */
    @WithName("ttl-ms")
    @WithDefault("30000")
    long ttlMs();
  }

  interface Deconfliction {
    /**
     * How long after its window an operation still takes part in event checks; keep it at least the
     * agreements' {@code event_buffer_minutes} (the buffers themselves come from each agreement).
     */
    @WithName("event-buffer-minutes")
    @WithDefault("60")
    int eventBufferMinutes();

    /** A local cap on partners' probes per day, below the agreement's (0: the agreement's). */
    @WithName("max-probes-per-day")
    @WithDefault("0")
    long maxProbesPerDay();

    /**
     * The largest part of a filter sent in one envelope; a bigger filter (about 290,000 targets and
     * up) goes in several. Keep it well under the gateways' max-message-bytes.
     */
    @WithName("filter-part-bytes")
    @WithDefault("786432")
    int filterPartBytes();

    /**
     * Blinded elements per probe envelope (about 35 bytes each way per element): a larger check
     * goes in several, one after another.
     */
    @WithName("probe-batch")
    @WithDefault("2000")
    int probeBatch();

    /** Run checks automatically when cases, subjects and operations change. */
    @WithName("triggers")
    @WithDefault("true")
    boolean triggers();
  }

  /** Workflows between agencies (docs/workflows.md). */
  interface Workflow {
    /** How often open requests are checked against their service-level deadline. */
    @WithName("overdue-check-interval-ms")
    @WithDefault("60000")
    long overdueCheckIntervalMs();

    /** How often the outbox of messages to partners is looked at. */
    @WithName("outbox-interval-ms")
    @WithDefault("1000")
    long outboxIntervalMs();

    /** The wait after the first failed delivery; doubled after each further failure. */
    @WithName("retry-initial-ms")
    @WithDefault("1000")
    long retryInitialMs();

    /** The longest wait between two delivery attempts. */
    @WithName("retry-max-ms")
    @WithDefault("60000")
    long retryMaxMs();

    /** How long one delivery attempt waits for the partner's acknowledgement. */
    @WithName("delivery-deadline-ms")
    @WithDefault("10000")
    long deliveryDeadlineMs();

    /**
     * Ask the originator for consent as soon as a partner's query meets a record withheld for lack
     * of it.
     */
    @WithName("auto-consent-request")
    @WithDefault("false")
    boolean autoConsentRequest();
  }

  /** The tamper-evident audit log (docs/audit.md). */
  interface Audit {
    /**
     * How often partners are asked to prove their logs consistent with their checkpoints; 0: never.
     */
    @WithName("consistency-interval-ms")
    @WithDefault("300000")
    long consistencyIntervalMs();
  }

  /** The embedded database's housekeeping (decision 0017). */
  Store store();

  interface Store {
    /** How often the store is checked for mostly dead chunks; 0 turns housekeeping off. */
    @WithName("housekeeping-s")
    @WithDefault("10")
    int housekeepingSeconds();

    /** At most this many bytes of live pages rewritten per round. */
    @WithName("compact-bytes")
    @WithDefault("16777216")
    int compactBytes();

    /**
     * How long H2 keeps a dead chunk before it reuses its space (milliseconds). A chunk is reused
     * only once the commit that emptied it is forced to the disk (decision 0038), so no delay is
     * needed; H2's own default, 45000, assumed the operating system writes the file within that.
     */
    @WithName("retention-ms")
    @WithDefault("0")
    int retentionMs();
  }

  /** The node's administration: who may call it, where backups go (decision 0027). */
  Admin admin();

  interface Admin {
    /**
     * Officers of this agency (the name in their certificate) who may call the {@code NodeAdmin}
     * service; absent: nobody.
     */
    Optional<java.util.List<String>> officers();
  }

  Backup backup();

  interface Backup {
    /**
     * The folder backups are written to, on the node's host; {@code <data-dir>/backup} if unset.
     */
    Optional<Path> dir();
  }
}
