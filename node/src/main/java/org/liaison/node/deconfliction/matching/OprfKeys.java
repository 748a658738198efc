package org.liaison.node.deconfliction.matching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.runtime.NodeSecrets;
import org.liaison.wire.oprf.OprfKeyRing;
import org.liaison.wire.oprf.OprfMode;

/**
 * This node's de-confliction key ring (VOPRF, a key per partner per UTC week), derived from a
 * 32-byte master seed kept sealed under the node's key store ({@link NodeSecrets}) in {@code
 * <data-dir>/deconfliction/oprf-master.seed.sealed} (owner-only), made on first use. A plain seed
 * file of an earlier version is sealed and removed at start; a seed sealed under a retired key
 * ({@link NodeSecrets}) is re-sealed under the current one. A seed that no longer opens (the node's
 * keys were replaced without keeping the old one) or a removed file gives a new seed, which rotates
 * every key (see docs/private-matching.md): partners fetch new filters, nothing else is lost.
 */
@ApplicationScoped
public class OprfKeys {
  private static final Logger LOG = Logger.getLogger(OprfKeys.class);
  static final String PLAIN_SEED_FILE = "oprf-master.seed";
  static final String SEED_FILE = "oprf-master.seed.sealed";
  private static final String SECRET = "oprf-master-seed";

  @Inject NodeConfig config;
  @Inject NodeSecrets secrets;
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

  byte[] seed(Path dir) {
    Path sealed = dir.resolve(SEED_FILE);
    Path plain = dir.resolve(PLAIN_SEED_FILE);
    try {
      if (Files.isRegularFile(sealed)) {
        byte[] stored = Files.readAllBytes(sealed);
        Optional<byte[]> seed = secrets.open(SECRET, stored);
        if (seed.isPresent()) {
          if (!secrets.openedUnderCurrentKey(SECRET, stored)) {
            // sealed under a retired key (the node's key was rotated): re-seal under the current
            write(dir, secrets.seal(SECRET, seed.get()));
          }
          return seed.get();
        }
        LOG.warnf(
            "the de-confliction seed %s does not open under this node's keys; a new one is made"
                + " (every partner's de-confliction keys rotate)",
            sealed);
      }
      Files.createDirectories(dir);
      byte[] seed;
      if (Files.isRegularFile(plain)) {
        seed = Files.readAllBytes(plain);
      } else {
        seed = new byte[32];
        new SecureRandom().nextBytes(seed);
      }
      write(dir, secrets.seal(SECRET, seed));
      Files.deleteIfExists(plain);
      return seed;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the de-confliction key seed " + sealed, e);
    }
  }

  private static void write(Path dir, byte[] bytes) throws IOException {
    Path tmp = dir.resolve(SEED_FILE + ".tmp");
    Files.write(tmp, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the data folder's own permissions protect it
    }
    Files.move(tmp, dir.resolve(SEED_FILE), StandardCopyOption.ATOMIC_MOVE);
  }
}
