package org.liaison.node.runtime;

import io.grpc.Server;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.FederationService;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.transport.GrpcServers;
import org.liaison.wire.transport.ListenerLimits;

/**
 * Starts the node's federation listener, a grpc-java mutual-TLS server which only this agency's
 * gateway may reach. The officers' API is served by Quarkus on its HTTPS server, next to the
 * console ({@link OfficerCallGate}, decision 0036).
 */
@ApplicationScoped
public class NodeRuntime {
  private static final Logger LOG = Logger.getLogger(NodeRuntime.class);

  @Inject NodeConfig config;
  @Inject NodeKeys keys;
  @Inject FederationService federation;
  @Inject Seeding seeding;

  // partners' requests on their own threads: a flooding partner cannot take the threads officers
  // are served on (Quarkus' worker pool) and FederationService bounds each partner's share
  private final ExecutorService partnerExecutor = Executors.newFixedThreadPool(32);
  private Server federationServer;
  private volatile boolean ready;

  void start(@Observes StartupEvent event) {
    if (!config.runtime().enabled()) {
      LOG.info("listeners disabled (liaison.runtime.enabled=false)");
      return;
    }
    seeding.seedIfConfigured();
    try {
      int max = config.federation().maxMessageBytes();
      federationServer =
          GrpcServers.start(
              config.federation().bindHost(),
              config.federation().port(),
              keys.tls(),
              keys.ownAgencyTrust(CertificateRole.GATEWAY_TLS),
              ListenerLimits.partnerFacing(max),
              GrpcServers.Reflection.WITHHELD,
              partnerExecutor,
              List.of(federation));
      ready = true;
      LOG.infof(
          "node %s of %s: federation on %d, gateway at %s (officers: the HTTPS port, %d)",
          config.node(),
          config.agency(),
          config.federation().port(),
          config.gateway().address(),
          config.officer().port());
    } catch (IOException e) {
      throw new UncheckedIOException("the node cannot start its listeners: " + e.getMessage(), e);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    ready = false;
    GrpcServers.stop(Duration.ofSeconds(3), federationServer);
    partnerExecutor.shutdownNow();
  }

  public boolean ready() {
    return ready;
  }
}
