package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;
import org.liaison.wire.v1.Reason;

/**
 * Real TLS 1.3 handshakes on loopback: a listener admits only peers of the agencies and certificate
 * kinds its trust supplier names at the moment of the handshake.
 */
class MutualTlsTest {
  @TempDir static Path work;
  static DevPki pki;
  static TrustDirectory directory;
  static final Map<String, String> allowed = new ConcurrentHashMap<>();
  static Server server;
  static int port;
  static final ExecutorService executor = Executors.newFixedThreadPool(4);

  @BeforeAll
  static void start() throws Exception {
    pki =
        DevPki.create(
            work.resolve("pki"),
            List.of(
                AgencySpec.parse("us.ice"), AgencySpec.parse("us.dea"), AgencySpec.parse("ru.skr")),
            Clock.systemUTC());
    directory = TrustDirectory.load(pki.directory());
    allowed.put("us.dea", directory.caFingerprint("us.dea").orElseThrow());
    var trust =
        AgencyTrustManager.create(
            directory,
            () -> Map.copyOf(allowed),
            org.liaison.wire.pki.CertificateRole.GATEWAY_TLS,
            Clock.systemUTC());
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server =
        GrpcServers.start(
            "127.0.0.1",
            port,
            MutualTls.server(TlsIdentity.fromFolder(pki.gatewayDir("us.ice")), trust),
            1 << 20,
            executor,
            List.of(
                new GatewayRelayGrpc.GatewayRelayImplBase() {
                  @Override
                  public void relay(Envelope request, StreamObserver<Envelope> out) {
                    PeerIdentity peer = PeerIdentityInterceptor.current();
                    out.onNext(
                        Envelope.newBuilder()
                            .setHeader(
                                com.google.protobuf.ByteString.copyFromUtf8(
                                    peer.agency() + "|" + peer.kind() + "|" + peer.name()))
                            .build());
                    out.onCompleted();
                  }
                }));
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
    executor.shutdownNow();
  }

  private static String callAs(Path tlsFolder) throws Exception {
    String iceCa = directory.caFingerprint("us.ice").orElseThrow();
    var serverTrust =
        AgencyTrustManager.create(
            directory,
            () -> Map.of("us.ice", iceCa),
            org.liaison.wire.pki.CertificateRole.GATEWAY_TLS,
            Clock.systemUTC());
    ManagedChannel ch =
        Channels.mutualTls(
            "localhost:" + port,
            MutualTls.client(TlsIdentity.fromFolder(tlsFolder), serverTrust),
            1 << 20);
    try {
      return GatewayRelayGrpc.newBlockingStub(ch)
          .relay(Envelope.getDefaultInstance())
          .getHeader()
          .toStringUtf8();
    } finally {
      ch.shutdownNow();
    }
  }

  @Test
  void server_admitsPartnerGatewayAndKnowsWhoItIs() throws Exception {
    assertThat(callAs(pki.gatewayDir("us.dea"))).isEqualTo("us.dea|gateway|gateway");
  }

  @Test
  void server_refusesAgencyWithoutAgreement() {
    assertRefusedForWantOfACertificateItAsksFor(() -> callAs(pki.gatewayDir("ru.skr")));
  }

  @Test
  void server_refusesWrongKindOfCertificate() {
    assertRefusedByTheListener(
        () -> callAs(pki.nodeDir("us.dea", "node-1")), Reason.TLS_PEER_WRONG_ROLE);
  }

  @Test
  void server_trustFollowsSupplierAtRunTime() throws Exception {
    allowed.put("ru.skr", directory.caFingerprint("ru.skr").orElseThrow());
    try {
      assertThat(callAs(pki.gatewayDir("ru.skr"))).startsWith("ru.skr|gateway");
    } finally {
      allowed.remove("ru.skr");
    }
    assertRefusedForWantOfACertificateItAsksFor(() -> callAs(pki.gatewayDir("ru.skr")));
  }

  @Test
  void server_refusesFingerprintOtherThanTheAgreementNames() {
    String real = allowed.put("us.dea", "00".repeat(32));
    try {
      assertRefusedByTheListener(() -> callAs(pki.gatewayDir("us.dea")), Reason.UNKNOWN_AGENCY);
    } finally {
      allowed.put("us.dea", real);
    }
  }

  @Test
  void server_refusesClientWithoutCertificate() throws Exception {
    var ctx =
        GrpcSslContexts.configure(
                io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder.forClient()
                    .trustManager(pki.caCertificate("us.ice"))
                    .protocols("TLSv1.3"),
                SslProvider.JDK)
            .build();
    ManagedChannel ch = NettyChannelBuilder.forAddress("localhost", port).sslContext(ctx).build();
    try {
      assertRefusedForWantOfACertificateItAsksFor(
          () -> GatewayRelayGrpc.newBlockingStub(ch).relay(Envelope.getDefaultInstance()));
    } finally {
      ch.shutdownNow();
    }
  }

  interface Call {
    Object run() throws Exception;
  }

  /**
   * The listener names the CAs it accepts (those of the agencies in agreement), so a client with no
   * certificate under one of them sends none, and the listener ends the handshake with a
   * bad_certificate alert before its trust manager sees a chain: no reason is on record at the
   * listener for these (only the alert tells the client).
   */
  private static void assertRefusedForWantOfACertificateItAsksFor(Call call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              java.io.StringWriter trace = new java.io.StringWriter();
              e.printStackTrace(new java.io.PrintWriter(trace));
              assertThat(trace.toString())
                  .contains("SSLHandshakeException: Received fatal alert: bad_certificate");
            });
  }

  /**
   * No reason travels in a refused handshake: the caller sees UNAVAILABLE, and the listener's trust
   * manager puts the specific reason on record (its log line), which is what this pins.
   */
  private static void assertRefusedByTheListener(Call call, Reason reason) {
    List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(AgencyTrustManager.class.getName());
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            refusals.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    try {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
      assertThat(refusals)
          .as("the listener's record of the refusal")
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith("refused TLS peer ")
                      .contains(" reason=" + reason + ":"));
    } finally {
      log.removeHandler(handler);
    }
  }

  @Test
  void refusals_carryReasonAndSentence() {
    StatusRuntimeException e =
        Refusals.refuse(
            Status.Code.PERMISSION_DENIED, Reason.NO_AGREEMENT, "no agreement with ru.skr");
    assertThat(Refusals.reasonOf(e)).contains(Reason.NO_AGREEMENT);
    assertThat(Refusals.sentenceOf(e)).isEqualTo("no agreement with ru.skr");
    assertThat(Refusals.reasonOf(Status.UNAVAILABLE.asRuntimeException())).isEmpty();
  }
}
