package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.it.OtlpReceiver.ReceivedSpan;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * OpenTelemetry traces on real processes (decision 0037): with the exporter pointed at a receiver
 * started here, one federated query from an officer of ICE to DEA is one trace whose spans chain,
 * parent to child, from ICE's node's call to its gateway through ICE's gateway, DEA's gateway and
 * DEA's node, each span sent by the process it describes; and no span of any process (name,
 * attributes, events, status, links) carries the queried phone number, the subject's name or either
 * case reference.
 */
class TracingAcceptanceTest {
  private static final String PHONE = "+1 305 555 0142";
  private static final String CASE = "ICE-TRACE-7731";

  @Test
  void oneQueryIsOneTraceThroughFourProcesses_withNoIdentifierNameOrCaseInAnySpan()
      throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        Federation f = traced(receiver)) {
      f.start();
      PartnerAnswer answer;
      // the partner's processes may still be settling just after the start: ask until answered
      long answeredBy = System.currentTimeMillis() + 120_000;
      try (NodeClient ice = f.node("us.ice").client()) {
        do {
          answer =
              Officers.from(
                  ice.queryAll(Officers.phoneQuery(PHONE, "DRUG_TRAFFICKING", CASE, "us.dea")),
                  "us.dea");
          if (answer.getStatus() != PartnerAnswer.Status.MATCH) {
            Thread.sleep(200);
          }
        } while (answer.getStatus() != PartnerAnswer.Status.MATCH
            && System.currentTimeMillis() < answeredBy);
      }
      assertThat(answer.getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);

      List<String> chain = List.of();
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline) {
        chain = chainFromDeaNode(receiver.spans());
        if (chain.size() >= 6) {
          break;
        }
        Thread.sleep(100);
      }
      System.out.println("trace of one query: " + String.join(" <- ", chain));
      assertThat(chain)
          // the officer's own call (Quarkus gRPC, on ICE's node) is a span of its own but not yet
          // the parent of the node's call to its gateway: decision 0037, "Not yet"
          .as("the query's trace, from DEA's node up to ICE's node's call to its gateway")
          .startsWith(
              "liaison-node@us.dea SERVER",
              "liaison-gateway@us.dea CLIENT",
              "liaison-gateway@us.dea SERVER",
              "liaison-gateway@us.ice CLIENT",
              "liaison-gateway@us.ice SERVER",
              "liaison-node@us.ice CLIENT");

      List<ReceivedSpan> all = receiver.spans();
      for (ReceivedSpan s : all) {
        System.out.printf(
            "span %s %s %s trace=%s parent=%s%n",
            process(s),
            kind(s.span()),
            s.span().getName(),
            java.util.HexFormat.of().formatHex(s.span().getTraceId().toByteArray()),
            java.util.HexFormat.of().formatHex(s.span().getParentSpanId().toByteArray()));
      }
      assertThat(all).hasSizeGreaterThanOrEqualTo(7);
      List<String> secrets =
          List.of(
              PHONE, "3055550142", "305 555 0142", "hector", "rojas", CASE, "DEA-MIA-2026-0142");
      for (ReceivedSpan s : all) {
        String text = text(s.span()).toLowerCase(Locale.ROOT);
        for (String secret : secrets) {
          assertThat(text)
              .as("span %s of %s", s.span().getName(), process(s))
              .doesNotContain(secret.toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  private static Federation traced(OtlpReceiver receiver) {
    Federation.Builder b =
        Federation.builder()
            .agencies("us.ice", "us.dea")
            .workDir(Path.of("target", "federation", "TracingAcceptanceTest"))
            .healthTimeout(
                java.time.Duration.ofSeconds(
                    Long.getLong("liaison.cluster.health-timeout-s", 420)));
    for (String key : List.of("node", "gateway")) {
      Map<String, String> options =
          Map.of(
              "quarkus.otel.sdk.disabled", "false",
              "quarkus.otel.exporter.otlp.traces.endpoint", receiver.endpoint(),
              "quarkus.otel.bsp.schedule.delay", "200ms");
      options.forEach(
          (k, v) -> {
            if (key.equals("node")) {
              b.nodeOption(k, v);
            } else {
              b.gatewayOption(k, v);
            }
          });
    }
    for (String agency : List.of("us.ice", "us.dea")) {
      b.nodeOption(agency, "quarkus.otel.resource.attributes", "liaison.agency=" + agency);
      b.gatewayOption(agency, "quarkus.otel.resource.attributes", "liaison.agency=" + agency);
    }
    return b.build();
  }

  /**
   * From the span DEA's node served for the query, up through the parents, as "process KIND": the
   * parents must have been sent by the other processes for the chain to cross them.
   */
  private static List<String> chainFromDeaNode(List<ReceivedSpan> spans) {
    Map<ByteString, ReceivedSpan> byId = new HashMap<>();
    spans.forEach(s -> byId.put(s.span().getSpanId(), s));
    Optional<ReceivedSpan> start =
        spans.stream()
            .filter(s -> process(s).equals("liaison-node@us.dea"))
            .filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER)
            .filter(s -> !s.span().getParentSpanId().isEmpty())
            .findFirst();
    List<String> chain = new ArrayList<>();
    ReceivedSpan at = start.orElse(null);
    while (at != null && chain.size() < 20) {
      chain.add(process(at) + " " + kind(at.span()));
      ReceivedSpan parent = byId.get(at.span().getParentSpanId());
      if (parent != null && !parent.span().getTraceId().equals(at.span().getTraceId())) {
        break;
      }
      at = parent;
    }
    return chain;
  }

  private static String process(ReceivedSpan s) {
    return s.resourceAttribute("service.name") + "@" + s.resourceAttribute("liaison.agency");
  }

  private static String kind(Span span) {
    return span.getKind().name().replace("SPAN_KIND_", "");
  }

  /** Everything a span says, as text. */
  private static String text(Span span) {
    StringBuilder b = new StringBuilder(span.getName()).append('\n');
    span.getAttributesList().forEach(kv -> b.append(text(kv)));
    span.getEventsList()
        .forEach(
            e -> {
              b.append(e.getName()).append('\n');
              e.getAttributesList().forEach(kv -> b.append(text(kv)));
            });
    span.getLinksList().forEach(l -> l.getAttributesList().forEach(kv -> b.append(text(kv))));
    b.append(span.getStatus().getMessage()).append('\n');
    return b.toString();
  }

  private static String text(KeyValue kv) {
    return kv.getKey() + "=" + kv.getValue() + "\n";
  }
}
