package org.liaison.wire.transport;

import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2CodecUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameAdapter;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Settings;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/2 client with no manners, for abuse tests: it completes a real mutual-TLS handshake and
 * the HTTP/2 preface, then writes whatever frames the test asks for, ignoring the server's settings
 * (stream limit, header list size), and records what the server sends back.
 */
final class RawHttp2Connection implements AutoCloseable {
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
  private volatile ChannelHandlerContext ctx;
  private Channel channel;
  private int nextStreamId = 1;

  /** Only on the event loop. */
  private boolean prefaceSent;

  /**
   * The error code of every GOAWAY received, in order: a server may send a second one while
   * closing.
   */
  final List<Long> goAwayErrors = new CopyOnWriteArrayList<>();

  final Map<Long, AtomicInteger> resetsByError = new ConcurrentHashMap<>();
  final AtomicInteger responseHeaders = new AtomicInteger();
  final Map<String, AtomicInteger> grpcStatuses = new ConcurrentHashMap<>();
  final AtomicLong serverMaxConcurrentStreams = new AtomicLong(-1);
  final AtomicLong serverMaxHeaderListSize = new AtomicLong(-1);

  static RawHttp2Connection open(int port, SslContext tls) throws Exception {
    RawHttp2Connection c = new RawHttp2Connection();
    c.connect(port, tls);
    return c;
  }

  private void connect(int port, SslContext tls) throws Exception {
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(tls.newHandler(ch.alloc(), "localhost", port));
                    ch.pipeline().addLast(new Frames());
                  }
                })
            .connect("127.0.0.1", port)
            .sync()
            .channel();
    channel.pipeline().get(SslHandler.class).handshakeFuture().sync();
    onLoop(() -> sendPreface(ctx));
  }

  /**
   * The client's preface and settings, once, before any other frame: the server's settings may be
   * read (and acknowledged) on the event loop before the task that {@link #connect} submits.
   */
  private void sendPreface(ChannelHandlerContext c) {
    if (prefaceSent) {
      return;
    }
    prefaceSent = true;
    c.write(Http2CodecUtil.connectionPrefaceBuf());
    writer.writeSettings(c, new Http2Settings(), c.newPromise());
    c.flush();
  }

  /** Opens a gRPC call to {@code path} and leaves it open (no END_STREAM); its stream id. */
  int openCall(String path, Map<String, String> extraHeaders) throws Exception {
    int id = nextStreamId;
    nextStreamId += 2;
    Http2Headers h = grpcHeaders(path);
    extraHeaders.forEach(h::add);
    onLoop(
        () -> {
          writer.writeHeaders(ctx, id, h, 0, false, ctx.newPromise());
          ctx.flush();
        });
    return id;
  }

  /**
   * The rapid reset: {@code calls} gRPC calls each opened and at once cancelled (HEADERS then
   * RST_STREAM CANCEL), in bursts of {@code burst} per flush; stops early when the server has
   * closed the connection. The number of calls sent.
   */
  int openAndReset(String path, int calls, int burst) throws Exception {
    Http2Headers h = grpcHeaders(path);
    int sent = 0;
    while (sent < calls && channel.isActive()) {
      int first = nextStreamId;
      int n = Math.min(burst, calls - sent);
      nextStreamId += 2 * n;
      onLoop(
          () -> {
            for (int i = 0; i < n; i++) {
              int id = first + 2 * i;
              writer.writeHeaders(ctx, id, h, 0, false, ctx.newPromise());
              writer.writeRstStream(ctx, id, Http2Error.CANCEL.code(), ctx.newPromise());
            }
            ctx.flush();
          });
      sent += n;
    }
    return sent;
  }

  boolean awaitClosed(long millis) throws InterruptedException {
    return channel.closeFuture().await(millis, TimeUnit.MILLISECONDS);
  }

  boolean isOpen() {
    return channel.isActive();
  }

  int resets(Http2Error error) {
    AtomicInteger n = resetsByError.get(error.code());
    return n == null ? 0 : n.get();
  }

  private static Http2Headers grpcHeaders(String path) {
    return new DefaultHttp2Headers()
        .method("POST")
        .scheme("https")
        .authority("localhost")
        .path(path)
        .add("content-type", "application/grpc")
        .add("te", "trailers");
  }

  private void onLoop(Runnable r) throws Exception {
    if (!channel.isActive()) {
      return;
    }
    channel.eventLoop().submit(r).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().awaitUninterruptibly(2_000);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
  }

  /** Reads the server's frames and records them; acknowledges its settings as a client must. */
  private final class Frames extends ByteToMessageDecoder {
    // headers as large as the server cares to send: the test counts, it does not police
    private final DefaultHttp2FrameReader reader =
        new DefaultHttp2FrameReader(new DefaultHttp2HeadersDecoder(false, 1 << 20));
    private final Http2FrameAdapter listener =
        new Http2FrameAdapter() {
          @Override
          public void onSettingsRead(ChannelHandlerContext c, Http2Settings settings) {
            if (settings.maxConcurrentStreams() != null) {
              serverMaxConcurrentStreams.set(settings.maxConcurrentStreams());
            }
            if (settings.maxHeaderListSize() != null) {
              serverMaxHeaderListSize.set(settings.maxHeaderListSize());
            }
            sendPreface(c);
            writer.writeSettingsAck(c, c.newPromise());
            c.flush();
          }

          @Override
          public void onPingRead(ChannelHandlerContext c, long data) {
            writer.writePing(c, true, data, c.newPromise());
            c.flush();
          }

          @Override
          public void onRstStreamRead(ChannelHandlerContext c, int streamId, long errorCode) {
            resetsByError.computeIfAbsent(errorCode, k -> new AtomicInteger()).incrementAndGet();
          }

          @Override
          public void onGoAwayRead(
              ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData) {
            goAwayErrors.add(errorCode);
          }

          @Override
          public void onHeadersRead(
              ChannelHandlerContext c,
              int streamId,
              Http2Headers headers,
              int padding,
              boolean endStream) {
            record(headers);
          }

          @Override
          public void onHeadersRead(
              ChannelHandlerContext c,
              int streamId,
              Http2Headers headers,
              int streamDependency,
              short weight,
              boolean exclusive,
              int padding,
              boolean endStream) {
            record(headers);
          }
        };

    private void record(Http2Headers headers) {
      responseHeaders.incrementAndGet();
      CharSequence status = headers.get("grpc-status");
      if (status != null) {
        grpcStatuses.computeIfAbsent(status.toString(), k -> new AtomicInteger()).incrementAndGet();
      }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
      ctx = c;
    }

    @Override
    protected void decode(ChannelHandlerContext c, ByteBuf in, List<Object> out) throws Exception {
      reader.readFrame(c, in, listener);
    }
  }
}
