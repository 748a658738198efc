package org.liaison.gateway.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.liaison.wire.transport.CallTracing;

/**
 * Hands the gateway's OpenTelemetry (Quarkus', off unless {@code quarkus.otel.sdk.disabled=false},
 * docs/observability) to the wire library, which traces every gRPC call of the gateway: its two
 * listeners and its calls to partner gateways and to its nodes.
 */
@ApplicationScoped
public class CallTraces {
  @Inject OpenTelemetry openTelemetry;

  // before the listeners start (GatewayRuntime observes with the default priority)
  void start(@Observes @Priority(1) StartupEvent event) {
    CallTracing.use(openTelemetry);
  }
}
