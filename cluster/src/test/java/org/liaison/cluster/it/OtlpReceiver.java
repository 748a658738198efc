package org.liaison.cluster.it;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenTelemetry collector as far as a test needs one: an OTLP/gRPC receiver on loopback that
 * keeps every span it is sent, each with the resource attributes of the process that sent it.
 */
final class OtlpReceiver implements AutoCloseable {
  /** One received span and the resource (process) it came from. */
  record ReceivedSpan(List<KeyValue> resource, Span span) {
    String resourceAttribute(String key) {
      return resource.stream()
          .filter(kv -> kv.getKey().equals(key))
          .map(kv -> kv.getValue().getStringValue())
          .findFirst()
          .orElse("");
    }
  }

  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final Server server;

  private OtlpReceiver() throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                new TraceServiceGrpc.TraceServiceImplBase() {
                  @Override
                  public void export(
                      ExportTraceServiceRequest request,
                      StreamObserver<ExportTraceServiceResponse> out) {
                    for (ResourceSpans rs : request.getResourceSpansList()) {
                      for (ScopeSpans ss : rs.getScopeSpansList()) {
                        for (Span s : ss.getSpansList()) {
                          spans.add(new ReceivedSpan(rs.getResource().getAttributesList(), s));
                        }
                      }
                    }
                    out.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    out.onCompleted();
                  }
                })
            .build()
            .start();
  }

  static OtlpReceiver start() throws IOException {
    return new OtlpReceiver();
  }

  /** What to set {@code quarkus.otel.exporter.otlp.traces.endpoint} to. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  List<ReceivedSpan> spans() {
    return new ArrayList<>(spans);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
