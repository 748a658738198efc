package org.liaison.node.deconfliction;

import jakarta.enterprise.context.ApplicationScoped;
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
import org.liaison.wire.oprf.OprfKeyRing;
import org.liaison.wire.oprf.OprfMode;

/**
 * This node's de-confliction key ring (VOPRF, a key per partner per UTC week), derived from a
 * 32-byte master seed kept in {@code <data-dir>/deconfliction/oprf-master.seed} (owner-only), made
 * on first use. Replacing the file rotates every key (see docs/private-matching.md).
 */
@ApplicationScoped
public class OprfKeys {
  static final String SEED_FILE = "oprf-master.seed";

  @Inject NodeConfig config;
  private volatile OprfKeyRing ring;

  public OprfKeyRing ring() {
    OprfKeyRing r = ring;
    if (r == null) {
      synchronized (this) {
        if (ring == null) {
          ring =
              new OprfKeyRing(
                  seed(config.dataDir().resolve("deconfliction")),
                  OprfMode.VOPRF,
                  Clock.systemUTC());
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
      throw new UncheckedIOException(
          "cannot read or create the de-confliction key seed " + file, e);
    }
  }
}
