package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;

/**
 * A peer that was down and has just started again is reached by the next call, not after
 * grpc-java's reconnect back-off: a real server on loopback is started after a call failed.
 */
class ChannelsRedialTest {

  @Test
  void aPeerStartedAfterAFailedCall_isReachedByTheNextCall() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    Server server = null;
    try {
      assertThatThrownBy(() -> relay(channel))
          .as("nothing listens yet")
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
              .addService(
                  new GatewayRelayGrpc.GatewayRelayImplBase() {
                    @Override
                    public void relay(Envelope request, StreamObserver<Envelope> out) {
                      out.onNext(request);
                      out.onCompleted();
                    }
                  })
              .build()
              .start();
      assertThatThrownBy(() -> relay(channel))
          .as("without a redial the channel still waits out its back-off")
          .isInstanceOf(StatusRuntimeException.class);

      Envelope answer = relay(Channels.redialIfFailed(channel));

      assertThat(answer).isEqualTo(Envelope.getDefaultInstance());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      if (server != null) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aCallMadeOnAChannelAlreadyShutDown_isKnownNotToHaveLeft_whileACallUnderWayFinishes()
      throws Exception {
    AtomicInteger received = new AtomicInteger();
    CountDownLatch firstArrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                new GatewayRelayGrpc.GatewayRelayImplBase() {
                  @Override
                  public void relay(Envelope request, StreamObserver<Envelope> out) {
                    received.incrementAndGet();
                    firstArrived.countDown();
                    try {
                      release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    out.onNext(request);
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    try {
      ListenableFuture<Envelope> underWay =
          GatewayRelayGrpc.newFutureStub(channel)
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .relay(Envelope.getDefaultInstance());
      assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();
      channel.shutdown();

      Throwable late = catchThrowable(() -> relay(channel));
      release.countDown();

      assertThat(Channels.refusedByShutdown(channel, late)).isTrue();
      assertThat(underWay.get(5, TimeUnit.SECONDS)).isEqualTo(Envelope.getDefaultInstance());
      assertThat(received).as("the late call never reached the server").hasValue(1);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPeerThatIsDown_isNotMistakenForAShutDownChannel() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      Throwable down = catchThrowable(() -> relay(channel));

      assertThat(down).isInstanceOf(StatusRuntimeException.class);
      assertThat(Channels.refusedByShutdown(channel, down)).isFalse();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static Envelope relay(ManagedChannel channel) {
    return GatewayRelayGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .relay(Envelope.getDefaultInstance());
  }
}
