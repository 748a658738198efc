package org.liaison.wire.transport;

import com.google.common.collect.MapMaker;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Mutual-TLS channels to a partner gateway, an agency's own gateway or node. */
public final class Channels {
  /** How long a call waits for a peer that was down to be dialled again, at most. */
  public static final Duration REDIAL_PATIENCE = Duration.ofSeconds(1);

  private static final ConcurrentMap<ManagedChannel, AtomicLong> LAST_REDIAL =
      new MapMaker().weakKeys().makeMap();

  // grpc-java's status for a call made on a channel after shutdown()
  private static final String SHUTDOWN_DESCRIPTION = "Channel shutdown invoked";

  private Channels() {}

  /**
   * A channel to {@code host:port}. The TLS server name is {@code localhost} unless the address
   * names a host: development certificates carry {@code localhost} and {@code 127.0.0.1}.
   */
  public static ManagedChannel mutualTls(String address, SslContext tls, int maxMessageBytes) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("address must be host:port, got '" + address + "'");
    }
    String host = address.substring(0, colon);
    int port = Integer.parseInt(address.substring(colon + 1));
    return NettyChannelBuilder.forAddress(host, port)
        .sslContext(tls)
        .maxInboundMessageSize(maxMessageBytes)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .intercept(CallTracing.client())
        .build();
  }

  /**
   * The channel, dialled again now if its last attempt failed, and given up to {@link
   * #REDIAL_PATIENCE} to connect. grpc-java otherwise waits out an exponential back-off (up to two
   * minutes) before it dials a peer that was down, and fails every call meanwhile, so a gateway or
   * node that has just restarted would stay unreachable for that long. One caller per channel and
   * patience period waits; the others, and every caller while a peer stays down, fail at once as
   * before, so a dead peer cannot tie up the threads that call it.
   */
  public static ManagedChannel redialIfFailed(ManagedChannel channel) {
    if (channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
      return channel;
    }
    long now = System.nanoTime();
    AtomicLong last = LAST_REDIAL.computeIfAbsent(channel, c -> new AtomicLong(now - patience()));
    long previous = last.get();
    if (now - previous < patience() || !last.compareAndSet(previous, now)) {
      return channel;
    }
    channel.resetConnectBackoff();
    // pick-first keeps reporting TRANSIENT_FAILURE until the new connection is READY (gRFC A62),
    // so a call made now would still fail: wait for READY, briefly
    long end = now + patience();
    try {
      while (channel.getState(false) != ConnectivityState.READY && System.nanoTime() < end) {
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return channel;
  }

  /**
   * Whether a call failed only because its channel had been shut down before the call started: a
   * key or trust change replaces a channel while a caller already holds it. Such a call never left
   * this process, so making it again on the current channel sends nothing twice. (A call already
   * under way when the channel is shut down finishes normally and never fails this way.)
   */
  public static boolean refusedByShutdown(ManagedChannel channel, Throwable failure) {
    return channel.isShutdown()
        && failure instanceof StatusRuntimeException e
        && e.getStatus().getCode() == Status.Code.UNAVAILABLE
        && SHUTDOWN_DESCRIPTION.equals(e.getStatus().getDescription());
  }

  private static long patience() {
    return REDIAL_PATIENCE.toNanos();
  }
}
