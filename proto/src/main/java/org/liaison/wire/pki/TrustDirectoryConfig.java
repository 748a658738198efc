package org.liaison.wire.pki;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The configuration of the trust directory ({@code liaison.directory.*}), defined once for the node
 * and the gateway: each one's configuration mapping has a nested {@code Directory} group that
 * extends this. Only the annotations of SmallRye Config are used (a compile-time dependency); the
 * wire library itself reads no configuration.
 */
public interface TrustDirectoryConfig {

  /** {@code <pki>/directory}: the public material of every agency. */
  Path dir();

  /**
   * How often the directory is checked for changes (a re-issued CRL, a new node, a CA rotation) and
   * reloaded: the bound within which a revocation takes effect. See docs/security-model.md.
   */
  @WithDefault("5s")
  Duration reloadInterval();
}
