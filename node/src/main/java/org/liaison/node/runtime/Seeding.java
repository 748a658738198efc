package org.liaison.node.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.records.ImportService;

/** Imports the configured seed file at start-up when the database holds no records yet. */
@ApplicationScoped
public class Seeding {
  private static final Logger LOG = Logger.getLogger(Seeding.class);

  @Inject NodeConfig config;
  @Inject ImportService imports;

  void seedIfConfigured() {
    config
        .seed()
        .file()
        .ifPresent(
            file -> {
              var summary = imports.seedIfEmpty(file);
              LOG.infof("seed %s: %s", file, summary);
            });
  }
}
