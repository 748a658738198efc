package org.liaison.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Map;
import org.liaison.wire.pki.TrustDirectoryConfig;

/** The gateway's configuration (keys in docs/architecture.md, "Runtime configuration"). */
@ConfigMapping(prefix = "liaison")
public interface GatewayConfig {

  /** Whose border this is, e.g. {@code us.ice}. */
  String agency();

  Pki pki();

  Directory directory();

  Agreements agreements();

  Gateway gateway();

  interface Pki {
    /** {@code <pki>/<agency>/gateway}: this gateway's TLS key and certificate. */
    Path dir();
  }

  /** {@code liaison.directory.*}: defined once for node and gateway. */
  interface Directory extends TrustDirectoryConfig {}

  interface Agreements {
    Path dir();
  }

  interface Gateway {
    /**
     * File of the message ids this gateway accepted, kept across restarts so a replay stays refused
     * at the gateway too (decision 0012). Unset: the ids are kept in memory only, and the node's
     * own journal is the only guard across restarts.
     */
    @WithName("replay-file")
    java.util.Optional<Path> replayFile();

    @WithName("bind-host")
    @WithDefault("127.0.0.1")
    String bindHost();

    @WithName("partner-port")
    @WithDefault("9201")
    int partnerPort();

    @WithName("node-port")
    @WithDefault("9202")
    int nodePort();

    /** Partner agency to the address of its gateway's partner listener. */
    Map<String, String> routes();

    /** Own node name to the address of its federation listener. */
    Map<String, String> nodes();

    @WithName("max-message-bytes")
    @WithDefault("1048576")
    int maxMessageBytes();

    /**
     * Envelopes per second admitted from (and to) each partner; also the burst a quiet partner may
     * send (at least 1).
     */
    @WithName("rate-per-second")
    @WithDefault("200")
    double ratePerSecond();

    /**
     * Envelopes of one partner relayed at the same time; one more is refused at once with
     * RESOURCE_EXHAUSTED (PARTNER_BUSY), so a flooding partner cannot hold every thread.
     */
    @WithName("max-concurrent-per-partner")
    @WithDefault("16")
    int maxConcurrentPerPartner();

    /** Upper bound of the time a relayed call may take, whatever the caller asked. */
    @WithName("max-deadline-ms")
    @WithDefault("10000")
    long maxDeadlineMs();

    Test test();
  }

  interface Test {
    /**
     * Test mode only: flip one ciphertext byte of envelopes relayed {@code inbound} (to this
     * agency's node) or {@code outbound} (to partners). {@code off} in production.
     */
    @WithName("flip-byte")
    @WithDefault("off")
    String flipByte();
  }
}
