package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;

/**
 * HTTP/2 and gRPC abuse against a partner-facing listener set up exactly as a gateway's partner
 * listener is ({@link GrpcServers#start} with {@link ListenerLimits#partnerFacing}, without
 * reflection; real TLS 1.3 with the dev PKI's gateway certificates, on loopback). us.dea abuses the
 * listener; while it does, ru.skr, another partner, keeps calling and every one of its calls must
 * be answered within its deadline. Only the minute-long timings (handshake timeout, idle
 * connection) are shortened to seconds so the test stays lean; every other limit is the one
 * production uses.
 */
class ListenerAbuseTest {
  static final int MAX_MESSAGE = 1 << 20;
  static final Duration HONEST_DEADLINE = Duration.ofSeconds(3);
  static final String RELAY = "/liaison.v1.GatewayRelay/Relay";

  @TempDir static Path work;
  static DevPki pki;
  static TrustDirectory directory;
  static Server server;
  static int port;
  static ListenerLimits limits;
  static final ExecutorService executor = Executors.newFixedThreadPool(8);
  static final AtomicInteger served = new AtomicInteger();
  static final AtomicInteger servedToAbuser = new AtomicInteger();
  static ManagedChannel honest;
  static SslContext abuserTls;

  @BeforeAll
  static void start() throws Exception {
    pki =
        DevPki.create(
            work.resolve("pki"),
            List.of(
                AgencySpec.parse("us.ice"), AgencySpec.parse("us.dea"), AgencySpec.parse("ru.skr")),
            Clock.systemUTC());
    directory = TrustDirectory.load(pki.directory());
    Map<String, String> partners =
        Map.of(
            "us.dea", directory.caFingerprint("us.dea").orElseThrow(),
            "ru.skr", directory.caFingerprint("ru.skr").orElseThrow());
    var trust =
        AgencyTrustManager.create(
            directory, () -> partners, CertificateRole.GATEWAY_TLS, Clock.systemUTC());
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    limits =
        ListenerLimits.partnerFacing(MAX_MESSAGE)
            .withTimings(
                Duration.ofSeconds(2), Duration.ofSeconds(2), ListenerLimits.MAX_CONNECTION_AGE);
    server =
        GrpcServers.start(
            "127.0.0.1",
            port,
            TlsIdentity.fromFolder(pki.gatewayDir("us.ice")),
            trust,
            limits,
            GrpcServers.Reflection.WITHHELD,
            executor,
            List.of(new Echo()));
    String iceCa = directory.caFingerprint("us.ice").orElseThrow();
    var iceOnly =
        AgencyTrustManager.create(
            directory,
            () -> Map.of("us.ice", iceCa),
            CertificateRole.GATEWAY_TLS,
            Clock.systemUTC());
    honest =
        Channels.mutualTls(
            "localhost:" + port,
            MutualTls.client(TlsIdentity.fromFolder(pki.gatewayDir("ru.skr")), iceOnly),
            MAX_MESSAGE);
    abuserTls = MutualTls.client(TlsIdentity.fromFolder(pki.gatewayDir("us.dea")), iceOnly);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    honest.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    executor.shutdownNow();
  }

  /** Answers at once; counts the calls that reached a service. */
  static final class Echo extends GatewayRelayGrpc.GatewayRelayImplBase {
    @Override
    public void relay(Envelope request, StreamObserver<Envelope> out) {
      served.incrementAndGet();
      if (PeerIdentityInterceptor.current().agency().equals("us.dea")) {
        servedToAbuser.incrementAndGet();
      }
      out.onNext(Envelope.newBuilder().setHeader(ByteString.copyFromUtf8("ok")).build());
      out.onCompleted();
    }
  }

  /** ru.skr calling while the abuse runs: every call answered within the deadline. */
  static final class HonestPartner implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    final List<String> failures = new ArrayList<>();
    int calls;
    long slowestMillis;

    HonestPartner() {
      thread = new Thread(this::run, "honest-partner");
      thread.start();
    }

    private void run() {
      while (running) {
        long t0 = System.nanoTime();
        try {
          GatewayRelayGrpc.newBlockingStub(honest)
              .withDeadlineAfter(HONEST_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .relay(Envelope.getDefaultInstance());
        } catch (StatusRuntimeException e) {
          synchronized (failures) {
            failures.add(e.getStatus().toString());
          }
        }
        slowestMillis = Math.max(slowestMillis, (System.nanoTime() - t0) / 1_000_000);
        calls++;
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(10_000);
      assertThat(calls).as("the other partner called during the abuse").isPositive();
      assertThat(failures).as("the other partner's calls during the abuse").isEmpty();
      assertThat(slowestMillis).isLessThan(HONEST_DEADLINE.toMillis());
    }
  }

  @Test
  void rapidReset_connectionIsClosedWithEnhanceYourCalm() throws Exception {
    try (HonestPartner other = new HonestPartner();
        RawHttp2Connection abuser = RawHttp2Connection.open(port, abuserTls)) {
      int sent = abuser.openAndReset(RELAY, 50_000, 100);
      assertThat(abuser.awaitClosed(5_000)).as("the listener closed the connection").isTrue();
      // the GOAWAY may be lost when the listener drops the socket under the client's flood, and
      // frames already in flight may draw a second GOAWAY (PROTOCOL_ERROR) while it closes
      if (!abuser.goAwayErrors.isEmpty()) {
        assertThat(abuser.goAwayErrors.get(0))
            .as("the first GOAWAY of %s", abuser.goAwayErrors)
            .isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
      }
      // the flood was cut off after the limit, not served to the end
      assertThat(sent).isLessThan(50_000);
      Thread.sleep(300);
    }
  }

  @Test
  void streamsBeyondTheLimit_areRefused() throws Exception {
    int over = 40;
    try (HonestPartner other = new HonestPartner();
        RawHttp2Connection abuser = RawHttp2Connection.open(port, abuserTls)) {
      waitFor(() -> abuser.serverMaxConcurrentStreams.get() >= 0);
      assertThat(abuser.serverMaxConcurrentStreams.get())
          .isEqualTo(ListenerLimits.MAX_CONCURRENT_STREAMS);
      // calls opened and left waiting for their message, past the limit the server announced
      for (int i = 0; i < ListenerLimits.MAX_CONCURRENT_STREAMS + over; i++) {
        abuser.openCall(RELAY, Map.of());
      }
      waitFor(() -> abuser.resets(Http2Error.REFUSED_STREAM) >= over || !abuser.isOpen());
      assertThat(abuser.resets(Http2Error.REFUSED_STREAM) + (abuser.isOpen() ? 0 : over))
          .as("streams past the limit refused (or the connection closed)")
          .isGreaterThanOrEqualTo(over);
      Thread.sleep(300);
    }
  }

  @Test
  void oversizedMetadata_isRefusedBeforeAnyService() throws Exception {
    int before = served.get();
    int abuserBefore = servedToAbuser.get();
    try (HonestPartner other = new HonestPartner();
        RawHttp2Connection abuser = RawHttp2Connection.open(port, abuserTls)) {
      waitFor(() -> abuser.serverMaxHeaderListSize.get() >= 0);
      assertThat(abuser.serverMaxHeaderListSize.get())
          .isEqualTo(ListenerLimits.MAX_HEADER_LIST_BYTES);
      for (int i = 0; i < 20; i++) {
        abuser.openCall(RELAY, Map.of("x-pad", "p".repeat(64 * 1024)));
      }
      waitFor(
          () ->
              !abuser.isOpen()
                  || abuser.resetsByError.values().stream().mapToInt(AtomicInteger::get).sum()
                          + abuser.grpcStatuses.values().stream().mapToInt(AtomicInteger::get).sum()
                      >= 20);
      assertThat(abuser.grpcStatuses.keySet())
          .as("no call with oversized metadata answered OK")
          .doesNotContain("0");
      Thread.sleep(300);
    }
    // the honest partner's calls were served; none of the abuser's reached a service
    assertThat(servedToAbuser.get()).isEqualTo(abuserBefore);
    assertThat(served.get()).isGreaterThan(before);
  }

  @Test
  void connectionThatSendsNothing_isClosedAfterTheHandshakeTimeout() throws Exception {
    try (HonestPartner other = new HonestPartner();
        Socket idle = new Socket("127.0.0.1", port)) {
      long t0 = System.nanoTime();
      idle.setSoTimeout(15_000);
      assertThat(idle.getInputStream().read()).as("closed by the listener").isEqualTo(-1);
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(millis).isBetween(limits.handshakeTimeout().toMillis() - 200, 10_000L);
    }
  }

  @Test
  void slowloris_aByteAtATime_isClosedAfterTheHandshakeTimeout() throws Exception {
    // the start of a TLS ClientHello, one byte every 200 ms: never a complete handshake
    byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
    try (HonestPartner other = new HonestPartner();
        Socket slow = new Socket("127.0.0.1", port)) {
      long t0 = System.nanoTime();
      OutputStream out = slow.getOutputStream();
      boolean cut = false;
      for (int i = 0; i < 100 && !cut; i++) {
        try {
          out.write(hello[i % hello.length]);
          out.flush();
          Thread.sleep(200);
          slow.setSoTimeout(1);
          cut = slow.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
          // nothing to read yet: the listener still waits
        } catch (IOException reset) {
          cut = true;
        }
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(cut).as("the listener closed the slow connection").isTrue();
      assertThat(millis).isLessThan(limits.handshakeTimeout().toMillis() + 3_000);
    }
  }

  @Test
  void idleConnectionAfterTheHandshake_isClosedAfterMaxConnectionIdle() throws Exception {
    try (HonestPartner other = new HonestPartner();
        RawHttp2Connection idle = RawHttp2Connection.open(port, abuserTls)) {
      long t0 = System.nanoTime();
      assertThat(idle.awaitClosed(10_000)).as("closed by the listener").isTrue();
      long millis = (System.nanoTime() - t0) / 1_000_000;
      // grpc-java jitters the idle limit by up to 10 %
      assertThat(millis).isGreaterThan(limits.maxConnectionIdle().toMillis() * 8 / 10);
      assertThat(idle.goAwayErrors).first().isEqualTo(Http2Error.NO_ERROR.code());
    }
  }

  @Test
  void messageJustOverTheLimit_isRefusedAndOneAtTheLimitIsServed() throws Exception {
    try (HonestPartner other = new HonestPartner()) {
      ManagedChannel abuser = abuserChannel();
      try {
        byte[] atLimit = envelopeOfSize(MAX_MESSAGE);
        assertThat(rawCall(abuser, atLimit)).isNotEmpty();
        byte[] over = envelopeOfSize(MAX_MESSAGE + 1);
        int before = servedToAbuser.get();
        assertThatThrownBy(() -> rawCall(abuser, over))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        assertThat(servedToAbuser.get())
            .as("the oversized message reached no service")
            .isEqualTo(before);
      } finally {
        abuser.shutdownNow();
      }
    }
  }

  @Test
  void deeplyNestedProtobuf_isRefusedWithoutExhaustingTheStack() throws Exception {
    // unknown field 15 as groups nested 200,000 deep (< 1 MiB): protobuf's recursion limit refuses
    int depth = 200_000;
    byte[] nested = new byte[2 * depth];
    for (int i = 0; i < depth; i++) {
      nested[i] = (byte) ((15 << 3) | 3); // start group
      nested[2 * depth - 1 - i] = (byte) ((15 << 3) | 4); // end group
    }
    try (HonestPartner other = new HonestPartner()) {
      ManagedChannel abuser = abuserChannel();
      try {
        int before = servedToAbuser.get();
        assertThatThrownBy(() -> rawCall(abuser, nested))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isNotEqualTo(Status.Code.OK));
        assertThat(servedToAbuser.get())
            .as("the nested message reached no service")
            .isEqualTo(before);
        // the connection and the listener still serve
        assertThat(rawCall(abuser, Envelope.getDefaultInstance().toByteArray())).isNotEmpty();
      } finally {
        abuser.shutdownNow();
      }
    }
  }

  private static ManagedChannel abuserChannel() {
    // the channel itself would accept a larger answer; the limit under test is the listener's
    return Channels.mutualTls("localhost:" + port, abuserTls, 4 * MAX_MESSAGE);
  }

  /** An envelope whose encoding is exactly {@code size} bytes. */
  private static byte[] envelopeOfSize(int size) {
    for (int payload = size - 6; payload <= size; payload++) {
      Envelope e = Envelope.newBuilder().setHeader(ByteString.copyFrom(new byte[payload])).build();
      if (e.getSerializedSize() == size) {
        return e.toByteArray();
      }
    }
    throw new IllegalStateException("no envelope of " + size + " bytes");
  }

  private static byte[] rawCall(ManagedChannel channel, byte[] request) {
    return ClientCalls.blockingUnaryCall(
        channel, RAW_RELAY, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      };

  private static final MethodDescriptor<byte[], byte[]> RAW_RELAY =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(RELAY.substring(1))
          .setRequestMarshaller(BYTES)
          .setResponseMarshaller(BYTES)
          .build();

  private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }
}
