package org.liaison.node.console;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.AbstractStub;
import io.quarkus.grpc.GrpcService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.liaison.node.officer.OfficerService;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.node.runtime.OfficerApi;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.transport.PeerIdentity;
import org.liaison.wire.transport.PeerIdentityInterceptor;
import org.liaison.wire.transport.PeerRevalidation;

/**
 * The console's only way to the node's data: the very gRPC services the CLI calls (Officer and
 * every {@link OfficerApi}), served in-process, with the officer's verified certificate as the
 * caller's identity. Policy, audit and validation are therefore exactly those the CLI gets.
 */
@ApplicationScoped
public class ConsoleChannel {
  private static final Metadata.Key<byte[]> OFFICER_CERTIFICATE =
      Metadata.Key.of("liaison-console-officer-bin", Metadata.BINARY_BYTE_MARSHALLER);

  @Inject @GrpcService OfficerService officers;
  @Inject NodeKeys keys;
  @Inject @GrpcService Instance<OfficerApi> officerApis;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private Server server;
  private ManagedChannel channel;

  @PostConstruct
  void start() {
    String name = "liaison-console-" + UUID.randomUUID();
    List<BindableService> services = new ArrayList<>();
    services.add(officers);
    officerApis.forEach(services::add);
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).executor(executor);
    ServerInterceptor identity = new CertificateIdentity();
    // a revoked officer's running calls (the alert stream of an open page) are closed on reload
    ServerInterceptor revalidation =
        new PeerRevalidation(
            keys.ownAgencyTrust(CertificateRole.OFFICER),
            call -> {
              PeerIdentity peer = PeerIdentityInterceptor.PEER.get();
              return peer == null ? null : peer.certificate();
            });
    // the last interceptor runs first: identity sets the caller that revalidation checks
    services.forEach(
        s -> builder.addService(ServerInterceptors.intercept(s, revalidation, identity)));
    try {
      server = builder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("the console cannot reach the officer services", e);
    }
    channel = InProcessChannelBuilder.forName(name).executor(executor).build();
  }

  // not an observer of ShutdownEvent: that would create the bean at shutdown just to stop it
  @PreDestroy
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
      server.shutdownNow();
    }
    executor.shutdownNow();
  }

  /**
   * A blocking stub ({@code OfficerGrpc::newBlockingStub}, ...) on which every call is made as this
   * officer and has the pages' deadline: a page waits 30 seconds at most for the node's answer.
   */
  public <S extends AbstractStub<S>> S blocking(
      ConsoleOfficer officer, Function<Channel, S> newStub) {
    return newStub.apply(as(officer)).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** A channel on which every call is made as this officer. */
  public Channel as(ConsoleOfficer officer) {
    byte[] der = Certificates.der(officer.certificate());
    return ClientInterceptors.intercept(
        channel,
        new ClientInterceptor() {
          @Override
          public <Q, A> ClientCall<Q, A> interceptCall(
              MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(
                next.newCall(method, options)) {
              @Override
              public void start(Listener<A> listener, Metadata headers) {
                headers.put(OFFICER_CERTIFICATE, der);
                super.start(listener, headers);
              }
            };
          }
        });
  }

  /**
   * Gives the services the officer as {@link PeerIdentityInterceptor} gives them a TLS peer. The
   * header can only be set in-process by {@link #as}, after the HTTPS handshake verified the
   * certificate and {@link ConsoleOfficer} accepted it.
   */
  private static final class CertificateIdentity implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      byte[] der = headers.get(OFFICER_CERTIFICATE);
      if (der == null) {
        call.close(Status.UNAUTHENTICATED.withDescription("no officer"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      try {
        PeerIdentity peer = PeerIdentity.of(Certificates.parse(der));
        return Contexts.interceptCall(
            Context.current().withValue(PeerIdentityInterceptor.PEER, peer), call, headers, next);
      } catch (CertificateException e) {
        call.close(Status.UNAUTHENTICATED.withDescription("bad certificate"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
    }
  }
}
