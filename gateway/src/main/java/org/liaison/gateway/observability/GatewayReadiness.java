package org.liaison.gateway.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.liaison.gateway.GatewayRuntime;

/** Ready once both mutual-TLS listeners accept connections. */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {
  @Inject GatewayRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("gateway-listeners").status(runtime.ready()).build();
  }
}
