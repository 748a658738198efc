package org.liaison.cli;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.StatusRequest;

/**
 * A connection to one node's {@code Officer} API over mutual TLS 1.3: the officer authenticates
 * with its client certificate, and the node's certificate must chain to the officer's own agency
 * CA. Used by the CLI, the cluster test kit and integration tests.
 *
 * <p>Calls throw {@link io.grpc.StatusRuntimeException}; {@link ErrorReport#sentence} turns one
 * into a sentence a person can act on.
 */
public final class NodeClient implements AutoCloseable {

  /** Extra time the client waits beyond the fan-out deadline it asks the node for. */
  private static final long DEADLINE_MARGIN_MS = 10_000;

  private static final long DEFAULT_CALL_MS = 60_000;

  private final String address;
  private final ManagedChannel channel;

  private NodeClient(String address, ManagedChannel channel) {
    this.address = address;
    this.channel = channel;
  }

  /**
   * Opens a channel to {@code host:port}. Nothing is sent until the first call.
   *
   * @throws IllegalArgumentException if the address is not {@code host:port}
   * @throws UncheckedIOException if a credentials file is missing or unreadable
   */
  public static NodeClient connect(String address, OfficerCredentials credentials) {
    HostPort target = HostPort.parse(address);
    Path missing = credentials.firstUnreadable();
    if (missing != null) {
      throw new UncheckedIOException(
          new IOException("Cannot read " + missing + ": the officer credentials are incomplete."));
    }
    SslContext ssl;
    try {
      ssl =
          GrpcSslContexts.forClient()
              .protocols("TLSv1.3")
              .keyManager(credentials.certificate().toFile(), credentials.privateKey().toFile())
              .trustManager(credentials.trustedCa().toFile())
              .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          new IOException(
              "Cannot load the officer credentials ("
                  + credentials.certificate()
                  + ", "
                  + credentials.privateKey()
                  + ", "
                  + credentials.trustedCa()
                  + "): "
                  + e.getMessage(),
              e));
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(target.host(), target.port())
            .negotiationType(NegotiationType.TLS)
            .sslContext(ssl)
            .build();
    return new NodeClient(address, channel);
  }

  /** The {@code host:port} this client talks to. */
  public String address() {
    return address;
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** A blocking stub without a deadline; add one with {@code withDeadlineAfter}. */
  public OfficerGrpc.OfficerBlockingStub blocking() {
    return OfficerGrpc.newBlockingStub(channel);
  }

  /** An asynchronous stub without a deadline (for {@code Import}). */
  public OfficerGrpc.OfficerStub async() {
    return OfficerGrpc.newStub(channel);
  }

  /** Starts a federated query; answers arrive one per partner as the node receives them. */
  public Iterator<PartnerAnswer> query(OfficerQueryRequest request) {
    return fanOut(request.getDeadlineMs()).query(request);
  }

  /** Runs a federated query to the end and returns every partner's answer. */
  public List<PartnerAnswer> queryAll(OfficerQueryRequest request) {
    return all(query(request));
  }

  /** Starts a target de-confliction check; answers arrive one per partner. */
  public Iterator<PartnerCheckAnswer> check(OfficerCheckRequest request) {
    return fanOut(request.getDeadlineMs()).check(request);
  }

  /** Runs a target check to the end and returns every partner's answer. */
  public List<PartnerCheckAnswer> checkAll(OfficerCheckRequest request) {
    return all(check(request));
  }

  /** The node's own status: who it is, what it holds, its partners. */
  public NodeStatus status() {
    return blocking()
        .withDeadlineAfter(DEFAULT_CALL_MS, TimeUnit.MILLISECONDS)
        .status(StatusRequest.getDefaultInstance());
  }

  /** A stub for a fan-out call: it waits for the node's deadline for partners, plus a margin. */
  private OfficerGrpc.OfficerBlockingStub fanOut(int fanOutDeadlineMs) {
    return blocking().withDeadlineAfter(callDeadlineMs(fanOutDeadlineMs), TimeUnit.MILLISECONDS);
  }

  private static <A> List<A> all(Iterator<A> answers) {
    List<A> all = new ArrayList<>();
    answers.forEachRemaining(all::add);
    return all;
  }

  private static long callDeadlineMs(int fanOutDeadlineMs) {
    return fanOutDeadlineMs == 0
        ? DEFAULT_CALL_MS
        : Integer.toUnsignedLong(fanOutDeadlineMs) + DEADLINE_MARGIN_MS;
  }

  /** Closes the channel, waiting briefly for calls in flight to end. */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "NodeClient[" + address + "]";
  }
}
