package org.liaison.wire.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * Every limit an HTTP/2 (gRPC) listener puts on a peer's connection, in one place: what bounds a
 * peer that floods, resets, hoards streams, sends huge headers, or connects and then says nothing.
 * docs/abuse-and-faults.md lists each with the abuse it stops and the test that shows it.
 *
 * <p>Two sets: {@link #partnerFacing} for listeners that carry only unary envelope calls (a
 * gateway's partner and node listeners, a node's federation listener), where no call may outlive
 * the relay's deadline, and {@link #officerFacing} for a node's officer listener, whose alert
 * subscriptions and imports are long streams that a connection's age must not cut.
 *
 * @param maxInboundMessageBytes a message over this is refused (RESOURCE_EXHAUSTED) before it is
 *     parsed
 * @param maxConcurrentStreams streams one connection may have open; one more is refused at once
 *     (RST_STREAM REFUSED_STREAM)
 * @param maxHeaderListBytes request metadata over this is refused without reaching a service
 * @param maxResetsPerWindow with {@link #resetWindow}: a connection whose client resets more
 *     streams than this in the window is closed (GOAWAY ENHANCE_YOUR_CALM): the HTTP/2 rapid reset
 *     attack, CVE-2023-44487
 * @param handshakeTimeout a connection that has not finished TLS and HTTP/2 set-up by then is
 *     closed (a peer that connects and sends nothing, or a byte at a time)
 * @param keepAliveTime the listener pings a connection silent this long, and closes it when the
 *     ping is not answered within {@link #keepAliveTimeout} (a peer that vanished)
 * @param permitKeepAliveTime a client pinging more often than this is told to go away
 * @param maxConnectionIdle a connection with no call for this long is closed
 * @param maxConnectionAge new calls move to a new connection, so a new handshake against the trust
 *     of the moment, after this
 * @param maxConnectionAgeGrace calls still open that long after {@link #maxConnectionAge} are cut;
 *     empty where long streams are served
 */
public record ListenerLimits(
    int maxInboundMessageBytes,
    int maxConcurrentStreams,
    int maxHeaderListBytes,
    int maxResetsPerWindow,
    Duration resetWindow,
    Duration handshakeTimeout,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration permitKeepAliveTime,
    Duration maxConnectionIdle,
    Duration maxConnectionAge,
    Optional<Duration> maxConnectionAgeGrace) {

  /** Streams one connection may hold; a gateway uses one connection per partner. */
  public static final int MAX_CONCURRENT_STREAMS = 128;

  /** gRPC's own default, stated: Liaison's calls carry a few short headers. */
  public static final int MAX_HEADER_LIST_BYTES = 8 * 1024;

  /**
   * Resets tolerated per {@link #RESET_WINDOW}: far above what deadline cancellations of an honest
   * gateway produce (at most its concurrent calls per partner, 16, each few seconds), far below a
   * rapid-reset flood (tens of thousands a second).
   */
  public static final int MAX_RESETS_PER_WINDOW = 500;

  public static final Duration RESET_WINDOW = Duration.ofSeconds(10);
  public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration KEEP_ALIVE_TIME = Duration.ofMinutes(1);
  public static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(20);

  /** Clients' channels ({@link Channels}) ping every 30 s; anything faster is abuse. */
  public static final Duration PERMIT_KEEP_ALIVE_TIME = Duration.ofSeconds(10);

  public static final Duration MAX_CONNECTION_IDLE = Duration.ofMinutes(5);

  /** How long a connection may live before the peer must handshake again (with current trust). */
  public static final Duration MAX_CONNECTION_AGE = Duration.ofSeconds(60);

  /**
   * Longer than any relayed call may take (the gateway's {@code max-deadline-ms}, 10 s by default)
   * with room to spare, so only a call that should already have ended is cut.
   */
  public static final Duration PARTNER_CALL_GRACE = Duration.ofSeconds(30);

  public ListenerLimits {
    if (maxInboundMessageBytes < 1 || maxConcurrentStreams < 1 || maxHeaderListBytes < 1) {
      throw new IllegalArgumentException("listener limits must be positive");
    }
    if (maxResetsPerWindow < 1 || resetWindow.toSeconds() < 1) {
      throw new IllegalArgumentException("the reset window must allow a reset and last 1 s");
    }
  }

  /** For listeners that carry only unary envelope calls from partners or from this agency. */
  public static ListenerLimits partnerFacing(int maxInboundMessageBytes) {
    return new ListenerLimits(
        maxInboundMessageBytes,
        MAX_CONCURRENT_STREAMS,
        MAX_HEADER_LIST_BYTES,
        MAX_RESETS_PER_WINDOW,
        RESET_WINDOW,
        HANDSHAKE_TIMEOUT,
        KEEP_ALIVE_TIME,
        KEEP_ALIVE_TIMEOUT,
        PERMIT_KEEP_ALIVE_TIME,
        MAX_CONNECTION_IDLE,
        MAX_CONNECTION_AGE,
        Optional.of(PARTNER_CALL_GRACE));
  }

  /** For the officer listener: as partner-facing, but open streams outlive a connection's age. */
  public static ListenerLimits officerFacing(int maxInboundMessageBytes) {
    return partnerFacing(maxInboundMessageBytes).withMaxConnectionAgeGrace(Optional.empty());
  }

  public ListenerLimits withMaxConnectionAgeGrace(Optional<Duration> grace) {
    return withConnectionTimings(handshakeTimeout, maxConnectionIdle, maxConnectionAge, grace);
  }

  /** The same limits with other timings: tests shorten minutes to seconds. */
  public ListenerLimits withTimings(
      Duration handshakeTimeout, Duration maxConnectionIdle, Duration maxConnectionAge) {
    return withConnectionTimings(
        handshakeTimeout, maxConnectionIdle, maxConnectionAge, maxConnectionAgeGrace);
  }

  /** The one copy: the same bounds on what a peer sends, with these timings of its connection. */
  private ListenerLimits withConnectionTimings(
      Duration handshakeTimeout,
      Duration maxConnectionIdle,
      Duration maxConnectionAge,
      Optional<Duration> maxConnectionAgeGrace) {
    return new ListenerLimits(
        maxInboundMessageBytes,
        maxConcurrentStreams,
        maxHeaderListBytes,
        maxResetsPerWindow,
        resetWindow,
        handshakeTimeout,
        keepAliveTime,
        keepAliveTimeout,
        permitKeepAliveTime,
        maxConnectionIdle,
        maxConnectionAge,
        maxConnectionAgeGrace);
  }
}
