package org.liaison.node.runtime;

import io.grpc.BindableService;
import io.grpc.Server;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.FederationService;
import org.liaison.node.officer.OfficerService;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.transport.GrpcServers;
import org.liaison.wire.transport.ListenerLimits;

/**
 * Starts the node's two mutual-TLS listeners: the federation listener, which only this agency's
 * gateway may reach, and the officers' API, for officers of this agency.
 */
@ApplicationScoped
public class NodeRuntime {
  private static final Logger LOG = Logger.getLogger(NodeRuntime.class);

  @Inject NodeConfig config;
  @Inject NodeKeys keys;
  @Inject FederationService federation;
  @Inject OfficerService officers;
  @Inject Seeding seeding;
  @Inject Instance<OfficerApi> officerApis;

  // partners' requests and officers' requests on separate threads: a flooding partner cannot take
  // the threads officers are served on (and FederationService bounds each partner's share)
  private final ExecutorService partnerExecutor = Executors.newFixedThreadPool(32);
  private final ExecutorService officerExecutor = Executors.newFixedThreadPool(16);
  private Server federationServer;
  private Server officerServer;
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
          GrpcServers.startWithoutReflection(
              config.federation().bindHost(),
              config.federation().port(),
              keys.tls(),
              keys.ownAgencyTrust(CertificateRole.GATEWAY_TLS),
              ListenerLimits.partnerFacing(max),
              partnerExecutor,
              List.of(federation));
      officerServer =
          GrpcServers.start(
              config.officer().bindHost(),
              config.officer().port(),
              keys.tls(),
              keys.ownAgencyTrust(CertificateRole.OFFICER),
              ListenerLimits.officerFacing(max),
              officerExecutor,
              officerServices());
      ready = true;
      LOG.infof(
          "node %s of %s: federation on %d, officers on %d, gateway at %s",
          config.node(),
          config.agency(),
          config.federation().port(),
          config.officer().port(),
          config.gateway().address());
    } catch (IOException e) {
      throw new UncheckedIOException("the node cannot start its listeners: " + e.getMessage(), e);
    }
  }

  private List<BindableService> officerServices() {
    List<BindableService> all = new ArrayList<>();
    all.add(officers);
    officerApis.forEach(all::add);
    return all;
  }

  void stop(@Observes ShutdownEvent event) {
    ready = false;
    GrpcServers.stop(Duration.ofSeconds(3), federationServer, officerServer);
    partnerExecutor.shutdownNow();
    officerExecutor.shutdownNow();
  }

  public boolean ready() {
    return ready;
  }
}
