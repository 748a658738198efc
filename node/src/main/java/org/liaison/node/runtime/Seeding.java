package org.liaison.node.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.records.ImportService;

/** Imports the configured seed file at start-up when the database holds no records yet. */
@ApplicationScoped
public class Seeding {
  @Inject NodeConfig config;
  @Inject ImportService imports;

  void seedIfConfigured() {
    config
        .seed()
        .file()
        .ifPresent(
            file -> {
              try {
                imports.seedIfEmpty(file);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the seed file " + file, e);
              }
            });
  }
}
