package org.liaison.node.deconfliction;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import org.liaison.node.config.NodeConfig;
import java.util.List;
import org.liaison.wire.oprf.BlindedInput;
import org.liaison.wire.oprf.OprfClient;
import org.liaison.wire.oprf.OprfKeyRing;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.OprfMode;

/**
 * This node's de-confliction key ring (VOPRF, a key per partner per UTC week), derived from a
 * 32-byte master seed kept in {@code <data-dir>/deconfliction/oprf-master.seed} (owner-only),
 * made on first use. Replacing the file rotates every key (see docs/private-matching.md).
 */
@ApplicationScoped
public class OprfKeys {
  static final String SEED_FILE = "oprf-master.seed";

  @Inject NodeConfig config;
  private volatile OprfKeyRing ring;

  /**
   * Loads the seed and runs the OPRF once in the background at start-up, so the first partner
   * probe does not pay for class loading and curve tables (it has a deadline).
   */
  void warmUp(@Observes StartupEvent event) {
    if (!config.runtime().enabled()) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              OprfKeyRing r = ring();
              OprfServer server = r.server("warm.up", r.currentEpoch());
              OprfClient client = new OprfClient(OprfMode.VOPRF);
              BlindedInput b = client.blind(new byte[] {1});
              client.finalizeVerifiable(List.of(b), server.blindEvaluateVerifiable(List.of(b.blindedElement())), server.publicKey());
              server.evaluate(new byte[] {2});
            },
            "oprf-warm-up");
    t.setDaemon(true);
    t.start();
  }

  public OprfKeyRing ring() {
    OprfKeyRing r = ring;
    if (r == null) {
      synchronized (this) {
        if (ring == null) {
          ring = new OprfKeyRing(seed(config.dataDir().resolve("deconfliction")), OprfMode.VOPRF, Clock.systemUTC());
        }
        r = ring;
      }
    }
    return r;
  }

  static byte[] seed(Path dir) {
    Path file = dir.resolve(SEED_FILE);
    try {
      if (Files.isRegularFile(file)) {
        return Files.readAllBytes(file);
      }
      Files.createDirectories(dir);
      byte[] seed = new byte[32];
      new SecureRandom().nextBytes(seed);
      Path tmp = dir.resolve(SEED_FILE + ".tmp");
      Files.write(tmp, seed, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the data folder's own permissions protect it
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return seed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the de-confliction key seed " + file, e);
    }
  }
}
