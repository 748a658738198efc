package org.liaison.gateway;

import io.grpc.Server;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.liaison.agreements.AgreementStore;
import org.liaison.gateway.admission.PartnerRateLimits;
import org.liaison.gateway.config.GatewayConfig;
import org.liaison.gateway.observability.RelayLog;
import org.liaison.gateway.relay.Forwarder;
import org.liaison.gateway.relay.Relay;
import org.liaison.gateway.relay.RelayServices;
import org.liaison.gateway.relay.TamperMode;
import org.liaison.gateway.routing.RoutingTable;
import org.liaison.gateway.trust.AgreementTrust;
import org.liaison.gateway.trust.SignedEnvelopeInspector;
import org.liaison.wire.envelope.ReplayGuard;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.FolderWatcher;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.pki.TrustDirectoryWatcher;
import org.liaison.wire.transport.GrpcServers;
import org.liaison.wire.transport.GrpcServers.Reflection;
import org.liaison.wire.transport.ListenerLimits;
import org.liaison.wire.transport.LiveTlsIdentity;
import org.liaison.wire.transport.MutualTls;
import org.liaison.wire.transport.PartnerConcurrency;

/**
 * Starts the gateway's two mutual-TLS listeners: one for partner gateways, trusted while an
 * agreement with their agency is in force and only under the CA it names; one for this agency's own
 * nodes.
 */
@ApplicationScoped
public class GatewayRuntime {
  private static final Logger LOG = Logger.getLogger(GatewayRuntime.class);

  @Inject GatewayConfig config;
  @Inject MeterRegistry metrics;

  // partner-facing and node-facing work on separate threads: a flood from partners cannot take the
  // threads this agency's own nodes send through
  private final ExecutorService partnerExecutor = Executors.newFixedThreadPool(32);
  private final ExecutorService nodeExecutor = Executors.newFixedThreadPool(16);
  private Server partners;
  private Server nodes;
  private Forwarder toPartners;
  private Forwarder toNodes;
  private TrustDirectoryWatcher watcher;
  private FolderWatcher keyWatcher;
  private volatile boolean ready;

  void start(@Observes StartupEvent event) {
    try {
      String agency = config.agency();
      Clock clock = Clock.systemUTC();
      // the TLS pair is re-read when its folder changes: handshakes after a rotation use the new
      // one, open connections keep theirs (decision 0028)
      LiveTlsIdentity identity = LiveTlsIdentity.fromFolder(config.pki().dir());
      keyWatcher =
          FolderWatcher.start(
              config.pki().dir(),
              config.directory().reloadInterval(),
              () -> {
                if (identity.replaceFrom(config.pki().dir())) {
                  // outbound connections made with the old certificate finish their calls and
                  // go; the next ones present the new one
                  dropOutboundConnections();
                  LOG.infof(
                      "TLS certificate of the gateway reloaded from %s (serial %s)",
                      config.pki().dir(),
                      identity.get().certificate().getSerialNumber().toString(16));
                }
              });
      watcher =
          TrustDirectoryWatcher.start(
              config.directory().dir(), config.directory().reloadInterval());
      TrustDirectory directory = watcher.directory();
      AgreementStore store =
          new AgreementStore(
              config.agreements().dir(), Optional.of(config.directory().dir()), clock);
      AgreementTrust agreements = new AgreementTrust(agency, store, clock);
      // partners under every CA their agreements pin (or that a pinned CA vouched for by a
      // rollover certificate); own nodes under every CA of this agency (decision 0039)
      var partnerTrust =
          AgencyTrustManager.pinned(
              directory, agreements::trustedPartners, CertificateRole.GATEWAY_TLS, clock);
      var nodeTrust =
          AgencyTrustManager.ownAgency(directory, agency, CertificateRole.NODE_TLS, clock);
      var g = config.gateway();
      // A partner's gateway is dialled expecting that partner's gateway certificate, not any
      // partner's: a route that points at the wrong agency fails the handshake.
      toPartners =
          new Forwarder(
              partner -> MutualTls.client(identity, partnerTrust.expecting(partner)),
              g.maxMessageBytes());
      toNodes =
          new Forwarder(ownAgency -> MutualTls.client(identity, nodeTrust), g.maxMessageBytes());
      watcher.onChange(toPartners::dropConnections);
      watcher.onChange(toNodes::dropConnections);
      RoutingTable routes = new RoutingTable(g.routes(), g.nodes());
      ReplayGuard replay =
          g.replayFile().isPresent()
              ? ReplayGuard.durable(g.replayFile().get(), clock)
              : ReplayGuard.defaults(clock);
      // envelope signers: this agency under every CA of it, a partner only under a CA an
      // agreement names or one such CA vouched for (decision 0039)
      var inspector =
          new SignedEnvelopeInspector(
              directory.pinnedTo(agreements::namedPartners, agency), clock, replay);
      var limits = new PartnerRateLimits(g.ratePerSecond());
      var log = new RelayLog(metrics);
      TamperMode tamper = TamperMode.configured(g.test().flipByte(), ConfigUtils.getProfiles());
      if (tamper != TamperMode.OFF) {
        LOG.warnf("TEST MODE: this gateway flips one byte of %s envelopes", tamper);
      }
      var concurrency = new PartnerConcurrency(g.maxConcurrentPerPartner());
      // both directions apply the same checks; only where they forward to differs
      Function<Forwarder, Relay> relayTo =
          next ->
              new Relay(
                  agency,
                  inspector,
                  agreements,
                  limits,
                  concurrency,
                  routes,
                  next,
                  g.maxDeadlineMs(),
                  tamper,
                  log);
      Relay inbound = relayTo.apply(toNodes);
      Relay outbound = relayTo.apply(toPartners);
      partners =
          GrpcServers.start(
              g.bindHost(),
              g.partnerPort(),
              identity,
              partnerTrust,
              ListenerLimits.partnerFacing(g.maxMessageBytes()),
              Reflection.WITHHELD,
              partnerExecutor,
              List.of(RelayServices.forPartners(inbound)));
      nodes =
          GrpcServers.start(
              g.bindHost(),
              g.nodePort(),
              identity,
              nodeTrust,
              ListenerLimits.partnerFacing(g.maxMessageBytes()),
              Reflection.OFFERED,
              nodeExecutor,
              List.of(RelayServices.forNodes(outbound)));
      ready = true;
      LOG.infof(
          "gateway of %s: partners on %s:%d, nodes on %s:%d, routes %s, nodes %s",
          agency, g.bindHost(), g.partnerPort(), g.bindHost(), g.nodePort(), g.routes(), g.nodes());
    } catch (IOException e) {
      throw new UncheckedIOException("the gateway cannot start: " + e.getMessage(), e);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    ready = false;
    GrpcServers.stop(Duration.ofSeconds(3), partners, nodes);
    if (toPartners != null) {
      toPartners.close();
    }
    if (toNodes != null) {
      toNodes.close();
    }
    partnerExecutor.shutdownNow();
    nodeExecutor.shutdownNow();
    if (watcher != null) {
      watcher.close();
    }
    if (keyWatcher != null) {
      keyWatcher.close();
    }
  }

  private void dropOutboundConnections() {
    if (toPartners != null) {
      toPartners.dropConnections();
    }
    if (toNodes != null) {
      toNodes.dropConnections();
    }
  }

  public boolean ready() {
    return ready;
  }
}
