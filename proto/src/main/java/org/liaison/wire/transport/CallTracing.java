package org.liaison.wire.transport;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * OpenTelemetry spans of the gRPC calls on every listener and channel of the wire library, with the
 * W3C trace context carried in the call's metadata, so that one query is one trace through node,
 * gateway, gateway and node. A span holds the method, the peer's agency (from its verified
 * certificate), the status code and its duration: never a message, a status description or any
 * other metadata, which is where identifiers, names and case references travel.
 *
 * <p>Off until an application hands its {@link OpenTelemetry} to {@link #use}. A span that does not
 * record (a disabled SDK, a trace not sampled) is not wrapped around the call: its context is only
 * passed on to the calls made while serving it, so a trace still runs through a process that does
 * not export (decision 0079).
 */
public final class CallTracing {
  static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
  static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  static final AttributeKey<Long> RPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");
  static final AttributeKey<String> PEER_AGENCY = AttributeKey.stringKey("liaison.peer.agency");

  /** The server span of the call being served, for calls made from threads it hands work to. */
  private static final io.grpc.Context.Key<Context> SERVED = io.grpc.Context.key("liaison-trace");

  private static final TextMapSetter<Metadata> SET =
      (headers, key, value) ->
          headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

  private static final TextMapGetter<Metadata> GET =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata headers) {
          return headers.keys();
        }

        @Override
        public String get(Metadata headers, String key) {
          return headers == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)
              ? null
              : headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
      };

  private static volatile OpenTelemetry telemetry = OpenTelemetry.noop();

  private static final ClientInterceptor CLIENT = new Client();
  private static final ServerInterceptor SERVER = new Server();

  private CallTracing() {}

  /** Traces calls with this OpenTelemetry from now on (an application's, at its start). */
  public static void use(OpenTelemetry openTelemetry) {
    telemetry = openTelemetry;
  }

  /** Starts a span per outgoing call, a child of the current one, and sends its context. */
  public static ClientInterceptor client() {
    return CLIENT;
  }

  /**
   * Starts a span per incoming call, a child of the context the caller sent, current while the
   * service handles the call. Runs after {@link PeerIdentityInterceptor}, to name the peer.
   */
  public static ServerInterceptor server() {
    return SERVER;
  }

  private static Tracer tracer(OpenTelemetry t) {
    return t.getTracer("org.liaison.wire");
  }

  private static SpanBuilder span(OpenTelemetry t, MethodDescriptor<?, ?> method, SpanKind kind) {
    return tracer(t)
        .spanBuilder(method.getFullMethodName())
        .setSpanKind(kind)
        .setAttribute(RPC_SYSTEM, "grpc")
        .setAttribute(RPC_SERVICE, String.valueOf(method.getServiceName()))
        .setAttribute(RPC_METHOD, String.valueOf(method.getBareMethodName()));
  }

  private static void end(Span span, Status status) {
    span.setAttribute(RPC_STATUS, (long) status.getCode().value());
    if (!status.isOk()) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private static final class Client implements ClientInterceptor {
    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(
        MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
      OpenTelemetry t = telemetry;
      Context parent = Context.current();
      if (!Span.fromContext(parent).getSpanContext().isValid()) {
        // a thread the service handed the call to: the span of the call it serves
        Context served = SERVED.get();
        parent = served == null ? parent : served;
      }
      Span span = span(t, method, SpanKind.CLIENT).setParent(parent).startSpan();
      if (!span.getSpanContext().isValid()) {
        return next.newCall(method, options);
      }
      Context context = parent.with(span);
      if (!span.isRecording()) {
        // nothing to end or record (no SDK, or not sampled): only the context travels on
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<A> listener, Metadata headers) {
            t.getPropagators().getTextMapPropagator().inject(context, headers, SET);
            super.start(listener, headers);
          }
        };
      }
      AtomicBoolean ended = new AtomicBoolean();
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<A> listener, Metadata headers) {
          t.getPropagators().getTextMapPropagator().inject(context, headers, SET);
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onClose(Status status, Metadata trailers) {
                  if (ended.compareAndSet(false, true)) {
                    end(span, status);
                  }
                  super.onClose(status, trailers);
                }
              },
              headers);
        }
      };
    }
  }

  private static final class Server implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      OpenTelemetry t = telemetry;
      Context parent =
          t.getPropagators().getTextMapPropagator().extract(Context.root(), headers, GET);
      SpanBuilder builder = span(t, call.getMethodDescriptor(), SpanKind.SERVER).setParent(parent);
      PeerIdentity peer = PeerIdentityInterceptor.PEER.get();
      if (peer != null) {
        builder.setAttribute(PEER_AGENCY, peer.agency());
      }
      Span span = builder.startSpan();
      if (!span.getSpanContext().isValid()) {
        return next.startCall(call, headers);
      }
      Context context = parent.with(span);
      if (!span.isRecording()) {
        // nothing to end or record (no SDK, or not sampled): the calls this one makes carry its
        // context on (SERVED), without a listener and a scope around every callback
        return Contexts.interceptCall(
            io.grpc.Context.current().withValue(SERVED, context), call, headers, next);
      }
      AtomicBoolean ended = new AtomicBoolean();
      ServerCall<Q, A> traced =
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
              if (ended.compareAndSet(false, true)) {
                end(span, status);
              }
              super.close(status, trailers);
            }
          };
      ServerCall.Listener<Q> listener;
      try (Scope ignored = context.makeCurrent()) {
        listener =
            Contexts.interceptCall(
                io.grpc.Context.current().withValue(SERVED, context), traced, headers, next);
      }
      return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
        @Override
        public void onMessage(Q message) {
          try (Scope ignored = context.makeCurrent()) {
            super.onMessage(message);
          }
        }

        @Override
        public void onHalfClose() {
          try (Scope ignored = context.makeCurrent()) {
            super.onHalfClose();
          }
        }

        @Override
        public void onCancel() {
          if (ended.compareAndSet(false, true)) {
            end(span, Status.CANCELLED);
          }
          try (Scope ignored = context.makeCurrent()) {
            super.onCancel();
          }
        }

        @Override
        public void onReady() {
          try (Scope ignored = context.makeCurrent()) {
            super.onReady();
          }
        }
      };
    }
  }
}
