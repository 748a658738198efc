package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A traced process between a caller and a next hop, over real gRPC on loopback: a trace runs
 * through it whether it records spans or not, and when it records, its server and client spans are
 * those of the trace.
 */
class CallTracingTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

  private static final MethodDescriptor<String, String> ECHO =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Echo/Echo")
          .setRequestMarshaller(new Utf8())
          .setResponseMarshaller(new Utf8())
          .build();

  private final List<String> receivedByNextHop = new CopyOnWriteArrayList<>();
  private final List<SpanData> exported = new CopyOnWriteArrayList<>();
  private Server nextHop;
  private Server middle;
  private ManagedChannel toNextHop;
  private ManagedChannel toMiddle;

  @BeforeEach
  void start() throws IOException {
    nextHop =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                ServerInterceptors.intercept(echo(request -> request), new RecordTraceparent()))
            .build()
            .start();
    toNextHop =
        NettyChannelBuilder.forAddress("127.0.0.1", nextHop.getPort())
            .usePlaintext()
            .intercept(CallTracing.client())
            .build();
    // the middle process serves a call by making one to the next hop, as a gateway does
    middle =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                ServerInterceptors.intercept(
                    echo(
                        request ->
                            ClientCalls.blockingUnaryCall(
                                toNextHop, ECHO, CallOptions.DEFAULT, request)),
                    CallTracing.server()))
            .build()
            .start();
    toMiddle = NettyChannelBuilder.forAddress("127.0.0.1", middle.getPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() {
    CallTracing.use(OpenTelemetry.noop());
    toMiddle.shutdownNow();
    toNextHop.shutdownNow();
    middle.shutdownNow();
    nextHop.shutdownNow();
  }

  @Test
  void withoutAnSdk_theTraceRunsThroughToTheNextHop() {
    CallTracing.use(
        OpenTelemetry.propagating(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance())));

    assertThat(callMiddle()).isEqualTo("hello");

    assertThat(receivedByNextHop).singleElement().satisfies(tp -> assertThat(tp).contains(TRACE));
  }

  @Test
  void withAnSdkThatSamplesNothing_nothingIsRecordedAndTheTraceRunsThrough() {
    CallTracing.use(sdk(Sampler.alwaysOff()));

    assertThat(callMiddle()).isEqualTo("hello");

    assertThat(exported).isEmpty();
    assertThat(receivedByNextHop).singleElement().satisfies(tp -> assertThat(tp).contains(TRACE));
  }

  @Test
  void withAnSdkThatRecords_theServerAndClientSpansAreTheTracesAndEnded() {
    CallTracing.use(sdk(Sampler.alwaysOn()));

    assertThat(callMiddle()).isEqualTo("hello");

    assertThat(exported).hasSize(2).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE));
    SpanData server =
        exported.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    SpanData client =
        exported.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(server.getAttributes().get(CallTracing.RPC_STATUS)).isEqualTo(0L);
    assertThat(client.getAttributes().get(CallTracing.RPC_METHOD)).isEqualTo("Echo");
    assertThat(receivedByNextHop)
        .singleElement()
        .isEqualTo("00-" + TRACE + "-" + client.getSpanId() + "-01");
  }

  private String callMiddle() {
    Metadata headers = new Metadata();
    headers.put(TRACEPARENT, "00-" + TRACE + "-" + CALLER_SPAN + "-01");
    return ClientCalls.blockingUnaryCall(
        ClientInterceptors.intercept(toMiddle, MetadataUtils.newAttachHeadersInterceptor(headers)),
        ECHO,
        CallOptions.DEFAULT,
        "hello");
  }

  private OpenTelemetry sdk(Sampler sampler) {
    SpanExporter collect =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAll(spans);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .setSampler(sampler)
                .addSpanProcessor(SimpleSpanProcessor.create(collect))
                .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  private static ServerServiceDefinition echo(java.util.function.UnaryOperator<String> answer) {
    return ServerServiceDefinition.builder("test.Echo")
        .addMethod(
            ECHO,
            ServerCalls.asyncUnaryCall(
                (request, out) -> {
                  out.onNext(answer.apply(request));
                  out.onCompleted();
                }))
        .build();
  }

  private final class RecordTraceparent implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      String tp = headers.get(TRACEPARENT);
      receivedByNextHop.add(tp == null ? "" : tp);
      return next.startCall(call, headers);
    }
  }

  private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
